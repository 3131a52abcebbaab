"""The app's labels in English and French. Gradio picks the table matching the browser's language (English
otherwise); a test checks that both tables have the same keys."""

from __future__ import annotations

EN = {
    "intro": "# newsrag\nAsk the articles. Every sentence of an answer cites the article sentence it rests on: click a marker to see it.",
    "tab_ask": "Ask",
    "tab_articles": "Articles",
    "tab_brief": "Brief",
    "tab_eval": "Evaluate",
    "question": "Question",
    "ask": "Ask",
    "filters": "Filters",
    "outlet": "Outlet",
    "date_from": "From (YYYY-MM-DD)",
    "date_to": "To (YYYY-MM-DD)",
    "examples": "Example questions",
    "answer": "Answer",
    "sources": "Sources",
    "trace": "Trace: retrieval scores, verification verdicts, timings",
    "upload": "Upload articles (drag and drop .txt .md .html .json .jsonl)",
    "articles": "Articles in the index",
    "article": "Article",
    "open": "Open",
    "summary_button": "Show or generate summary",
    "summary_language": "Language",
    "regenerate": "Regenerate",
    "delete": "Delete",
    "refresh": "Refresh",
    "cleaned_text": "Cleaned text",
    "summary": "Summary",
    "topic": "Topic (optional)",
    "brief_button": "Build the brief",
    "dataset": "Dataset",
    "eval_button": "Run the evaluation",
    "eval_hint": "claims: the support judge (seconds); qa: answers against the indexed articles (about 10 s per question with "
                 "the local model); retrieval: builds its own temporary index (minutes).",
}

FR = {
    "intro": "# newsrag\nInterrogez les articles. Chaque phrase d'une réponse cite la phrase d'article sur laquelle elle repose : "
             "cliquez sur un renvoi pour la voir.",
    "tab_ask": "Question",
    "tab_articles": "Articles",
    "tab_brief": "Chronologie",
    "tab_eval": "Évaluation",
    "question": "Question",
    "ask": "Demander",
    "filters": "Filtres",
    "outlet": "Média",
    "date_from": "Du (AAAA-MM-JJ)",
    "date_to": "Au (AAAA-MM-JJ)",
    "examples": "Exemples de questions",
    "answer": "Réponse",
    "sources": "Sources",
    "trace": "Trace : scores de recherche, vérifications, durées",
    "upload": "Ajouter des articles (glisser-déposer .txt .md .html .json .jsonl)",
    "articles": "Articles indexés",
    "article": "Article",
    "open": "Ouvrir",
    "summary_button": "Afficher ou générer le résumé",
    "summary_language": "Langue",
    "regenerate": "Régénérer",
    "delete": "Supprimer",
    "refresh": "Actualiser",
    "cleaned_text": "Texte nettoyé",
    "summary": "Résumé",
    "topic": "Sujet (facultatif)",
    "brief_button": "Construire la chronologie",
    "dataset": "Jeu de données",
    "eval_button": "Lancer l'évaluation",
    "eval_hint": "claims : le juge de support (quelques secondes) ; qa : réponses sur les articles indexés (environ 10 s par "
                 "question avec le modèle local) ; retrieval : construit son propre index temporaire (plusieurs minutes).",
}

I18N_TABLES = {"en": EN, "fr": FR}
