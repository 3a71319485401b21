"""deploy-kit: a tiny status service and the tools that ship and check it."""

__version__ = "1.1.0"
