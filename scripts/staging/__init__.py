"""Staging: from the validated data and the hand-written pages to one plain docs folder per language, with
everything a renderer needs decided beforehand (:mod:`scripts.staging.stage`). Knows nothing of the renderer."""
