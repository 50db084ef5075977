#!/usr/bin/env python3
"""Writes N realistic news articles of about SIZE bytes each (German and English alternating) for the
knowledge builder's benchmarks: metadata header, companies with legal forms, people with roles,
money, shares, periods, products and places, in sentences like the sample corpus's.

    bench/make_articles.py OUT_DIR N [SIZE]"""
import os
import random
import sys

COMPANIES = ["Lumora", "Hanxin", "Kerrberg", "Aquila", "Voland", "Stratavolt", "Corvex", "Meridian", "Beiming",
             "Sorano", "Formotek", "Aubrac", "Taliq", "Noventis", "Qiyun", "Feldmark", "Oranta", "Silvanox"]
SUFFIX_DE = ["AG", "GmbH", "SE"]
SUFFIX_EN = ["Inc.", "Ltd.", "Group", "Corp."]
CITIES = ["Shenzhen", "Shanghai", "Beijing", "Hangzhou", "München", "Dresden", "Berlin", "Austin", "Seoul", "Tokyo"]
PEOPLE = ["Zhou Mingxuan", "Anna Keller", "Jonas Brandt", "Li Wei", "Sarah Collins", "Park Jiwoo", "Tom Reyes"]
PRODUCTS = ["Tianmu", "Qiyuan", "HX-910", "Nimbus", "Aster", "Polaris"]
TOPICS_DE = ["KI", "künstliche Intelligenz", "Halbleiter", "große Sprachmodelle", "Rechenzentren"]
TOPICS_EN = ["AI", "artificial intelligence", "chips", "large language models", "data centres"]

DE = [
    "Der Chipkonzern {c} {sd} hat im ersten Halbjahr {y} insgesamt {m},{d} Milliarden Yuan in {t} investiert.",
    "Vorstandschef {p} sagte am Montag, das Unternehmen werde die Ausgaben für {t} im Geschäftsjahr {y} weiter erhöhen.",
    "{c} mit Sitz in {city} liefert Beschleuniger an {c2}, wie aus dem Quartalsbericht hervorgeht.",
    "Die Tochtergesellschaft {c} Cloud betreibt die KI-Plattform „{prod}“, über die Geschäftskunden eigene Modelle trainieren.",
    "Seit die USA den Export fortschrittlicher Chips nach China mit Exportkontrollen beschränken, setzt {c} auf heimische Zulieferer.",
    "Im zweiten Quartal stieg der Umsatz um {pct},{d} Prozent auf {m} Mrd. Euro, der Nettogewinn legte um {d} Prozent zu.",
    "{c} und {c2} vereinbarten eine Partnerschaft für die Entwicklung neuer Modelle, z. B. für die Industrie.",
    "Analysten hatten mit mehr gerechnet; ob {c} eine eigene Chipsparte gründet, ließ {p} offen.",
]
EN = [
    "The startup {c} {se} invested ${m}.{d} billion in {t} in the first half of {y}, the company said on Monday.",
    "Chief executive {p} said {c} would raise spending on {t} in fiscal {y}.",
    "{c}, based in {city}, supplies memory chips to {c2} under a contract signed in June {y}.",
    "Its subsidiary {c} Cloud runs the platform {prod}, which lets customers train their own models.",
    "US export controls on advanced chips to China have pushed {c} towards domestic suppliers such as {c2}.",
    "Revenue in the quarter ended June 30 rose {pct}.{d}% to RMB {m} billion, while net profit grew {d}%.",
    "{c} and {c2} announced a partnership to develop new models for industrial customers.",
    "Analysts had expected more; {p} declined to say whether {c} would build its own chip unit.",
]


def article(i, size, rng):
    de = i % 2 == 0
    lines = [f"# title: Bericht {i} | source: Bench Wire | url: https://example.com/b{i} | "
             f"published: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} | lang: {'de' if de else 'en'}", ""]
    body = []
    while sum(len(s) + 1 for s in body) < size - len(lines[0]):
        c, c2 = rng.sample(COMPANIES, 2)
        s = rng.choice(DE if de else EN).format(
            c=c, c2=c2, sd=rng.choice(SUFFIX_DE), se=rng.choice(SUFFIX_EN), y=rng.randint(2023, 2025),
            m=rng.randint(1, 90), d=rng.randint(1, 9), pct=rng.randint(2, 40), p=rng.choice(PEOPLE),
            city=rng.choice(CITIES), prod=rng.choice(PRODUCTS), t=rng.choice(TOPICS_DE if de else TOPICS_EN))
        body.append(s)
    # Paragraphs of three sentences.
    paragraphs = [" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]
    return "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    out, n = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) == 4 else 2048
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    for i in range(n):
        with open(os.path.join(out, f"article-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(article(i, size, rng))


if __name__ == "__main__":
    main()
