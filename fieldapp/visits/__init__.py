"""Repair visits (售后维修记录) and carry-in receipts (收条): types, rules, service."""
