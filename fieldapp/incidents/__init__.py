"""On-site crisis events (危机事件): agreements and compensation receipts."""
