#!/usr/bin/env python3
"""The hand-computable interactions fixture shared by the real-client workflow tests.

100 users u000..u099, each with exactly 10 interactions: 9 `view` events on items a01..a09
(EVENT_VALUE 1, timestamps BASE+1..BASE+9) and 1 `buy` event on item z (EVENT_VALUE 5, timestamp
BASE+10). Every item then has the same number of distinct users among any set of training users, and
ties go to the smaller item id, so aws-popularity-count ranks a01..a09, z, and every held-out user's
truth (the newest max(1, floor(10% of 10)) = 1 interaction: z) sits at rank 10. expected_metrics()
works GetSolutionMetrics out from that.

It also holds the genre shop, the seeded fixture with structure that every recipe is served from
(see genre_shop() below; the Java tests generate the same bytes with GenreShop.java).

Used as a module by boto3_control_plane.py and boto3_recipes.py, and from the shell by
aws_cli_smoke.sh and ClientScriptsIT:

    python3 workflow_data.py write DIR        writes DIR/fixture.csv and DIR/broken.csv
    python3 workflow_data.py metric NAME      prints the expected (4-decimal) value of a metric
    python3 workflow_data.py genre-shop DIR   writes DIR/interactions.csv, items.csv and users.csv

Needs only the Python standard library.
"""

import math
import os
import sys

BASE = 1700000000
USERS = [f"u{n:03d}" for n in range(100)]
VIEWED = [f"a{n:02d}" for n in range(1, 10)]  # a01..a09
BOUGHT = "z"
ITEMS = VIEWED + [BOUGHT]

# Deliberately not the schema's field order: the importer maps columns by header name.
HEADER = ["EVENT_TYPE", "USER_ID", "TIMESTAMP", "ITEM_ID", "EVENT_VALUE"]

# What aws-popularity-count must answer for anyone: items by distinct users, ties by smaller id.
POPULAR = ITEMS  # a01..a09, then z ("a.." < "z")

# A FULL import of this must fail on line 3 (the header is line 1), column ITEM_ID: an id longer
# than Personalize's 256 characters fails the whole import (a row with an unreadable TIMESTAMP is
# only left out, as Personalize leaves it out).
BROKEN_LINE = 3
BROKEN_COLUMN = "ITEM_ID"
BROKEN_VALUE = "b" * 300


def user_rows(user):
    """The 10 interactions of one user, as dicts keyed by column name, oldest first."""
    rows = [{"USER_ID": user, "ITEM_ID": item, "TIMESTAMP": str(BASE + k), "EVENT_TYPE": "view",
             "EVENT_VALUE": "1"} for k, item in enumerate(VIEWED, start=1)]
    rows.append({"USER_ID": user, "ITEM_ID": BOUGHT, "TIMESTAMP": str(BASE + 10),
                 "EVENT_TYPE": "buy", "EVENT_VALUE": "5"})
    return rows


def write_csv(path, users=USERS, header=HEADER):
    """Writes the interactions of `users` (every column of `header`) to `path`; returns the number
    of data rows."""
    rows = [row for user in users for row in user_rows(user)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row[column] for column in header) + "\n")
    return len(rows)


def write_broken(path):
    """A CSV whose second data row (line 3) has a 300-character ITEM_ID; the rest is fine."""
    rows = user_rows(USERS[0])[:4]
    rows[BROKEN_LINE - 2][BROKEN_COLUMN] = BROKEN_VALUE
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for row in rows:
            f.write(",".join(row[column] for column in HEADER) + "\n")


def write_without_item_id(path):
    """A well-formed CSV that lacks the required ITEM_ID column."""
    write_csv(path, users=USERS[:3], header=[c for c in HEADER if c != "ITEM_ID"])


def expected_metrics():
    """GetSolutionMetrics of aws-popularity-count on the full fixture, unrounded.

    Every held-out user asks for the top 25 and gets the 10 items a01..a09, z; the truth is {z}
    (newest max(1, floor(10 * 10%)) = 1 interaction), found at rank 10. All held-out users are
    alike, so the averages over them equal the one user's values."""
    rank = POPULAR.index(BOUGHT) + 1  # 10

    def hit(k):  # how many truth items are in the top k
        return 1 if rank <= k else 0

    def dcg(k):  # binary relevance, log2(1 + rank) discount
        return hit(k) / math.log2(1 + rank)

    idcg = 1 / math.log2(1 + 1)  # one relevant item, ideally at rank 1
    return {
        "precision_at_5": hit(5) / 5,  # 0 / 5 = 0
        "precision_at_10": hit(10) / 10,  # 1 / 10 = 0.1
        "precision_at_25": hit(25) / 25,  # 1 / 25 = 0.04 (divided by K though only 10 came back)
        "mean_reciprocal_rank_at_25": 1 / rank,  # 1 / 10 = 0.1
        "normalized_discounted_cumulative_gain_at_5": dcg(5) / idcg,  # 0
        "normalized_discounted_cumulative_gain_at_10": dcg(10) / idcg,  # 1 / log2(11) = 0.28906
        "normalized_discounted_cumulative_gain_at_25": dcg(25) / idcg,  # 1 / log2(11) = 0.28906
        "coverage": len(set(POPULAR)) / len(set(ITEMS)),  # 10 recommended of 10 items = 1.0
    }


def expected_rounded():
    """expected_metrics() rounded to 4 decimals, as GetSolutionMetrics reports them."""
    return {name: round(value, 4) for name, value in expected_metrics().items()}


# --------------------------------------------------------------------------------------------
# The genre shop: a small seeded fixture with structure, for serving every recipe.
#
# Six genres of 20 movies: movie-000..movie-119 (genre n // 20, created 200 days before BASE) and
# new-000..new-119 (genre n // 20, created 30 days after BASE, a minute apart: young and without
# interactions, so cold for aws-hrnn-coldstart). User user-u (u = 0..179) likes genre u % 6: from a
# random start s, 8 to 14 `watch` events on movies s, s+1, ... of the genre (wrapping at 20), one
# minute apart; each event is instead a random movie of any genre with probability 1/10. Users have
# an AGE and a categorical GENDER. The randomness is the C library's rand() seeded with SHOP_SEED,
# exactly as GenreShop.java does it, so both write the same bytes.

SHOP_SEED = 20240611
GENRES = ["Action", "Comedy", "Documentary", "Drama", "Horror", "SciFi"]
PER_GENRE = 20
SHOP_USERS = 180
DAY = 86400
SHOP_INTERACTIONS_HEADER = "USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP"
SHOP_ITEMS_HEADER = "ITEM_ID,GENRES,CREATION_TIMESTAMP"
SHOP_USERS_HEADER = "USER_ID,AGE,GENDER"
MOVIES = [f"movie-{n:03d}" for n in range(len(GENRES) * PER_GENRE)]
NEW_MOVIES = [f"new-{n:03d}" for n in range(len(GENRES) * PER_GENRE)]


class _Lcg:
    """The C library's rand(): x = x * 1103515245 + 12345 mod 2^31, output x >> 16."""

    def __init__(self, seed):
        self.state = seed & 0x7FFFFFFF

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 16) % bound


def user_id(u):
    return f"user-{u:03d}"


def genre_of(item):
    """The genre of a movie-NNN or new-NNN id."""
    return GENRES[int(item.split("-")[1]) // PER_GENRE]


def genre_of_user(user):
    return GENRES[int(user.split("-")[1]) % len(GENRES)]


def genre_shop():
    """(events, ages, next_in_run): events as (user, item, timestamp) oldest first per user, each
    user's AGE, and the movie that would continue each user's run."""
    random = _Lcg(SHOP_SEED)
    events, ages, next_in_run = [], {}, {}
    for u in range(SHOP_USERS):
        user = user_id(u)
        genre = u % len(GENRES)
        start = random.next(PER_GENRE)
        length = 8 + random.next(7)
        for k in range(length):
            if random.next(10) == 0:
                movie = random.next(len(GENRES) * PER_GENRE)
            else:
                movie = genre * PER_GENRE + (start + k) % PER_GENRE
            events.append((user, MOVIES[movie], BASE + u * 3600 + k * 60))
        ages[user] = 18 + random.next(50)
        next_in_run[user] = MOVIES[genre * PER_GENRE + (start + length) % PER_GENRE]
    return events, ages, next_in_run


def interacted_items(events):
    """The items with interactions, which every recipe's model knows."""
    return sorted({item for _, item, _ in events})


def by_popularity(events):
    """Items by distinct users, most first, ties to the smaller id: aws-popularity-count's order."""
    users = {}
    for user, item, _ in events:
        users.setdefault(item, set()).add(user)
    return sorted(users, key=lambda item: (-len(users[item]), item))


def write_genre_shop(folder):
    """Writes interactions.csv, items.csv and users.csv of the genre shop to `folder`; returns
    their paths by dataset type."""
    events, ages, _ = genre_shop()
    paths = {kind: os.path.join(folder, f"{kind.lower()}.csv") for kind in ("Interactions", "Items", "Users")}
    with open(paths["Interactions"], "w", encoding="utf-8", newline="") as f:
        f.write(SHOP_INTERACTIONS_HEADER + "\n")
        for user, item, timestamp in events:
            f.write(f"{user},{item},watch,1,{timestamp}\n")
    with open(paths["Items"], "w", encoding="utf-8", newline="") as f:
        f.write(SHOP_ITEMS_HEADER + "\n")
        for item in MOVIES:
            f.write(f"{item},{genre_of(item)},{BASE - 200 * DAY}\n")
        for n, item in enumerate(NEW_MOVIES):
            f.write(f"{item},{genre_of(item)},{BASE + 30 * DAY + n * 60}\n")
    with open(paths["Users"], "w", encoding="utf-8", newline="") as f:
        f.write(SHOP_USERS_HEADER + "\n")
        for u in range(SHOP_USERS):
            f.write(f"{user_id(u)},{ages[user_id(u)]},{'F' if u % 2 == 0 else 'M'}\n")
    return paths


def main(argv):
    if len(argv) == 3 and argv[1] == "genre-shop":
        os.makedirs(argv[2], exist_ok=True)
        write_genre_shop(argv[2])
        return 0
    if len(argv) == 3 and argv[1] == "write":
        os.makedirs(argv[2], exist_ok=True)
        write_csv(os.path.join(argv[2], "fixture.csv"))
        write_broken(os.path.join(argv[2], "broken.csv"))
        return 0
    if len(argv) == 3 and argv[1] == "metric" and argv[2] in expected_metrics():
        print(expected_rounded()[argv[2]])
        return 0
    print(f"usage: {argv[0]} write DIR | metric NAME | genre-shop DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
