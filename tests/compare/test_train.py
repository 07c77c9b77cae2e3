"""Fitting data: the train-split pairs and the test split's dev pairs (no links) together."""

from __future__ import annotations

from tidings.compare.train import DEV_DATA, pair_articles, read_pairs

from ..conftest import DATA


def test_dev_pairs_without_links_become_articles(data_dir):
    dev = read_pairs(DATA / DEV_DATA.name)
    articles = pair_articles(dev)
    assert len({a.id for a in articles}) == len(articles)
    assert {a.lang for a in articles} >= {"zh", "pl", "ru"}
    assert all(a.url is None for a in articles)


def test_default_fitting_data_reads_both_splits(data_dir):
    train, dev = read_pairs(DATA / "sts22-train-pairs.jsonl"), read_pairs(DATA / DEV_DATA.name)
    cross = [p for p in train + dev if p["lang1"] != p["lang2"]]
    assert len(train) == 1345 and len(dev) == 165 and len(cross) == 135
