"""Trainer workspace views (Wagtail admin), one module per screen, and the learners' join views.

Views check who may see what through ``selectors`` and ``scope`` (another trainer's cohort or learner
→ 404; no trainer role → 403), call one service or selector, and render.
"""
