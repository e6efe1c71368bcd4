"""The domain shops of the recommender tests: an ECOMMERCE shop and a VIDEO_ON_DEMAND catalogue,
small, seeded and with structure a test can check, written as the CSV files of their Interactions,
Items and Users datasets (issue 17).

Usage: domain_data.py ECOMMERCE|VIDEO_ON_DEMAND FOLDER  (writes interactions.csv, items.csv, users.csv)

ECOMMERCE: 60 items item-000..059 in four CATEGORY_L1 of 15 (item n in CATEGORIES[n // 15]), PRICE
5 + n. User user-u (u = 0..149) likes category u % 4: 12 View events on its items (one in ten on any
item), then four baskets a day apart, each a Purchase of an even item p of the category and of its
partner p + 1 thirty seconds later. So item-010 is bought with item-011, 1,800 View and 1,200
Purchase events. Users have a categorical MEMBERSHIP.

VIDEO_ON_DEMAND: 60 movies movie-000..059 in six GENRES of 10 (movie n in GENRES[n // 10]), each
with a CREATION_TIMESTAMP. User user-u likes genre u % 6: 10 Watch events on consecutive movies of it
from a random start, and 4 Click events on random movies of it. Users have a categorical
SUBSCRIPTION_MODEL.

Randomness is the C library's rand() (x = x * 1103515245 + 12345 mod 2^31, output x >> 16) seeded
with 17, so a rerun writes the same bytes.
"""
import os
import sys

BASE = 1_700_000_000
CATEGORIES = ["books", "garden", "shoes", "toys"]
GENRES = ["Action", "Comedy", "Documentary", "Drama", "Horror", "SciFi"]
USERS = 150


class Rand:
    def __init__(self, seed):
        self.x = seed

    def next(self):
        self.x = (self.x * 1103515245 + 12345) % (1 << 31)
        return self.x >> 16


def ecommerce(folder):
    r = Rand(17)
    with open(os.path.join(folder, "items.csv"), "w") as f:
        f.write("ITEM_ID,PRICE,CATEGORY_L1\n")
        for n in range(60):
            f.write(f"item-{n:03d},{5 + n}.5,{CATEGORIES[n // 15]}\n")
    with open(os.path.join(folder, "users.csv"), "w") as f:
        f.write("USER_ID,MEMBERSHIP\n")
        for u in range(USERS):
            f.write(f"user-{u:03d},{['gold', 'silver', 'none'][u % 3]}\n")
    with open(os.path.join(folder, "interactions.csv"), "w") as f:
        f.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n")
        for u in range(USERS):
            category = u % 4
            t = BASE + u * 1000
            for _ in range(12):
                item = r.next() % 60 if r.next() % 10 == 0 else category * 15 + r.next() % 15
                f.write(f"user-{u:03d},item-{item:03d},View,{t}\n")
                t += 60
            for _ in range(4):
                t += 86_400
                p = category * 15 + (r.next() % 7) * 2
                f.write(f"user-{u:03d},item-{p:03d},Purchase,{t}\n")
                f.write(f"user-{u:03d},item-{p + 1:03d},Purchase,{t + 30}\n")


def video_on_demand(folder):
    r = Rand(17)
    with open(os.path.join(folder, "items.csv"), "w") as f:
        f.write("ITEM_ID,GENRES,CREATION_TIMESTAMP\n")
        for n in range(60):
            f.write(f"movie-{n:03d},{GENRES[n // 10]},{BASE - 86_400 * (60 - n)}\n")
    with open(os.path.join(folder, "users.csv"), "w") as f:
        f.write("USER_ID,SUBSCRIPTION_MODEL\n")
        for u in range(USERS):
            f.write(f"user-{u:03d},{['free', 'premium'][u % 2]}\n")
    with open(os.path.join(folder, "interactions.csv"), "w") as f:
        f.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n")
        for u in range(USERS):
            genre = u % 6
            t = BASE + u * 1000
            start = r.next() % 10
            for k in range(10):
                f.write(f"user-{u:03d},movie-{genre * 10 + (start + k) % 10:03d},Watch,{t}\n")
                t += 60
            for _ in range(4):
                f.write(f"user-{u:03d},movie-{genre * 10 + r.next() % 10:03d},Click,{t}\n")
                t += 60


SCHEMAS = {
    "ECOMMERCE": {
        "Interactions": '{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":['
                        '{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},'
                        '{"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}',
        "Items": '{"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":['
                 '{"name":"ITEM_ID","type":"string"},{"name":"PRICE","type":"float"},'
                 '{"name":"CATEGORY_L1","type":"string","categorical":true}],"version":"1.0"}',
        "Users": '{"type":"record","name":"Users","namespace":"com.amazonaws.personalize.schema","fields":['
                 '{"name":"USER_ID","type":"string"},{"name":"MEMBERSHIP","type":"string","categorical":true}],"version":"1.0"}',
    },
    "VIDEO_ON_DEMAND": {
        "Interactions": '{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":['
                        '{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},'
                        '{"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}',
        "Items": '{"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":['
                 '{"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":"string","categorical":true},'
                 '{"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}',
        "Users": '{"type":"record","name":"Users","namespace":"com.amazonaws.personalize.schema","fields":['
                 '{"name":"USER_ID","type":"string"},{"name":"SUBSCRIPTION_MODEL","type":"string","categorical":true}],"version":"1.0"}',
    },
}


def write(domain, folder):
    os.makedirs(folder, exist_ok=True)
    {"ECOMMERCE": ecommerce, "VIDEO_ON_DEMAND": video_on_demand}[domain](folder)
    for dataset_type, schema in SCHEMAS[domain].items():
        with open(os.path.join(folder, f"{dataset_type.lower()}.avsc"), "w") as f:
            f.write(schema)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SCHEMAS:
        sys.exit("usage: domain_data.py ECOMMERCE|VIDEO_ON_DEMAND FOLDER")
    write(sys.argv[1], sys.argv[2])
