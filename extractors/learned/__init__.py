"""The learned attribution model: CRF taggers over the parse (:mod:`.tagger`), their features, their
tags as found attributions, how they are trained, and the weights shipped in ``weights/``."""
