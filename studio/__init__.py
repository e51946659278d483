"""The post studio: learners write real posts and a checker that knows each network's rules reviews them.

``checker`` is a pure function over plain data (the draft, the network's rules, the institution's charter,
the brief's requirements); ``networks`` holds the rules each network is checked against.
"""
