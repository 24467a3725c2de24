"""Matching: how rules find text. `patterns` assembles regular expressions and holds the trust
boundary; `compiled` the three kinds of compiled item; `matcher` the `Matcher` kinds call;
`literals` reads literals out of patterns; `prefilter` finds where a match can start in a
document; `state` is what a process learns while matching (one `MatchState` object).
"""
