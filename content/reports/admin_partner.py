"""(filled by its stream)"""
