from rag.sentences import paragraph_sentence_spans, sentence_spans, split_sentences


def test_splits_on_sentence_ends_and_keeps_abbreviations_and_numbers() -> None:
    text = "M. Poutine a parlé. Il a dit 1.5 fois « oui ». Puis V. Poutine est parti ! Fin ?"
    assert split_sentences(text) == ["M. Poutine a parlé.", "Il a dit 1.5 fois « oui ».", "Puis V. Poutine est parti !", "Fin ?"]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = '"Nous avons des emplacements." Loukachenko a ajouté cela.'
    assert split_sentences(text) == ['"Nous avons des emplacements."', "Loukachenko a ajouté cela."]


def test_lower_case_after_full_stop_does_not_split() -> None:
    assert split_sentences("Il est venu etc. et il est reparti.") == ["Il est venu etc. et il est reparti."]


def test_spans_index_the_text_and_lines_always_split() -> None:
    text = "  Première phrase. Deuxième\nTroisième ligne sans point"
    spans = sentence_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["Première phrase.", "Deuxième", "Troisième ligne sans point"]


def test_paragraphs_group_sentences_and_skip_empty_lines() -> None:
    text = "Un. Deux.\n\nTrois."
    paragraphs = paragraph_sentence_spans(text)
    assert [[text[s.start:s.end] for s in p] for p in paragraphs] == [["Un.", "Deux."], ["Trois."]]


def test_human_dates_follow_the_answer_language() -> None:
    from rag.lang import human_date

    assert human_date("2024-12-06", "fr") == "6 décembre 2024"
    assert human_date("2024-12-06", "en") == "December 6, 2024"
    assert human_date("2024-05", "en") == "May 2024"
    assert human_date(None, "fr") is None


def test_a_list_marker_is_not_part_of_its_sentence() -> None:
    text = "Titre.\n* Dans le cadre du conflit, il a nommé un gouverneur.\n- Le maire a signé.\n• Trois points.\n-5 degrés ce matin."
    assert split_sentences(text) == ["Titre.", "Dans le cadre du conflit, il a nommé un gouverneur.", "Le maire a signé.",
                                     "Trois points.", "-5 degrés ce matin."]
