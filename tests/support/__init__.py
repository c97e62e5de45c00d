"""Helpers shared by the test tiers (unit, docs, pyodide, browser); none of them is a test."""
