"""Knowledge stage: states, places, organisations, people and their offices, as data."""

from marsad.knowledge.loader import KnowledgeBase, Mention, compile_knowledge_base, load_knowledge_base

__all__ = ["KnowledgeBase", "Mention", "compile_knowledge_base", "load_knowledge_base"]
