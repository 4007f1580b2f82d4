"""The learned sentence layer: features, a linear model read from a small JSON file, and (for
development only) its training from the labelled sentences in ``tools/data/``.

Patterns propose candidate sentences and keep the part scoping; the model decides, per
candidate, what the sentence is (a topic's own act of the year or only a mention; who acts for
the principal leader's duty). Inference is plain Python: no runtime dependency."""
