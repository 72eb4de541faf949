"""Finding attributions by rule in a parsed doc: cues, their contents, uncued hedges and quotes, the
span a source stands for, stance and mode. Who the source is, is :mod:`..speakers`' concern."""
