"""The MkDocs side: a plugin that only wires MkDocs events to the data and page layers."""
