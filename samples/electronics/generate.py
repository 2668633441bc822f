#!/usr/bin/env python3
"""Generates finesynth's bundled demo sample: an electronics shop's product listings and shoppers'
queries in BEIR layout, with graded relevance computed from the same attributes the texts are
written from (2 = every constraint of the query holds, 1 = right product type, one constraint off).

Written for finesynth; no third-party data. Deterministic: python3 generate.py rewrites the files.
"""
import json
import os
import random

random.seed(20261126)
HERE = os.path.dirname(os.path.abspath(__file__))
BRANDS = ["Voltra", "Nimbus", "Arcline", "Kestrel", "Lumio", "Orbix", "Pylon", "Quanta"]


def pick(xs):
    return random.choice(xs)


# Each category: attribute sampler, title/text writers, and query templates over attribute constraints.
def charger():
    a = {"watts": pick([20, 30, 45, 65, 100, 140]), "ports": pick([1, 2, 3]), "gan": random.random() < 0.6}
    a["title"] = f"{a['watts']}W USB-C {'GaN ' if a['gan'] else ''}Wall Charger, {a['ports']} Port{'s' if a['ports'] > 1 else ''}"
    a["text"] = (f"Compact {a['watts']} watt USB-C power delivery charger with {a['ports']} "
                 f"port{'s' if a['ports'] > 1 else ''}. {'Gallium nitride design runs cool and stays small. ' if a['gan'] else ''}"
                 f"{'Fast-charges most laptops, ' if a['watts'] >= 65 else 'Fast-charges phones, tablets and earbuds, '}"
                 f"with foldable prongs and protection against over-current and overheating.")
    return a


def cable():
    a = {"meters": pick([0.5, 1, 2, 3]), "watts": pick([60, 100, 240]), "braided": random.random() < 0.5}
    a["title"] = f"USB-C to USB-C Cable {a['meters']}m, {a['watts']}W{', Braided' if a['braided'] else ''}"
    a["text"] = (f"{a['meters']} metre USB-C cable rated for {a['watts']} W power delivery and 480 Mbps data. "
                 f"{'Nylon braided jacket survives over 20,000 bends. ' if a['braided'] else 'Soft TPE jacket, tangle resistant. '}"
                 f"{'Charges 16 inch laptops at full speed.' if a['watts'] >= 100 else 'Ideal for phones and small laptops.'}")
    return a


def headphones():
    a = {"anc": random.random() < 0.6, "hours": pick([20, 30, 40, 60]), "fit": pick(["over-ear", "on-ear"])}
    a["title"] = f"Wireless {a['fit'].title()} Headphones{' with Active Noise Cancelling' if a['anc'] else ''}, {a['hours']}h Battery"
    a["text"] = (f"Bluetooth 5.3 {a['fit']} headphones with {a['hours']} hours of playback. "
                 f"{'Hybrid active noise cancelling blocks engine and office noise. ' if a['anc'] else 'Passive isolation with soft memory foam cushions. '}"
                 f"Multipoint pairing, USB-C charging, foldable for travel.")
    return a


def earbuds():
    a = {"anc": random.random() < 0.5, "ip": pick(["IPX4", "IPX5", "IPX7"]), "hours": pick([6, 8, 10])}
    sport = a["ip"] == "IPX7"
    a["sport"] = sport
    a["title"] = f"True Wireless Earbuds{' ANC' if a['anc'] else ''}, {a['ip']}{' Sport' if sport else ''}"
    a["text"] = (f"Truly wireless earbuds with {a['hours']} hours per charge and a pocket case. {a['ip']} rated "
                 f"{'sweat and water proof with secure ear hooks for running and the gym. ' if sport else 'against splashes and sweat. '}"
                 f"{'Active noise cancelling with transparency mode. ' if a['anc'] else ''}Touch controls and a low-latency game mode.")
    return a


def laptop():
    a = {"inch": pick([13, 14, 15, 16]), "ram": pick([8, 16, 32]), "ssd": pick([256, 512, 1024]),
         "gaming": random.random() < 0.3}
    ssd = "1TB" if a["ssd"] == 1024 else f"{a['ssd']}GB"
    a["title"] = f"{'Gaming ' if a['gaming'] else ''}Laptop {a['inch']}\", {a['ram']}GB RAM, {ssd} SSD"
    a["text"] = (f"{a['inch']} inch {'gaming laptop with a 144 Hz display and a dedicated graphics card' if a['gaming'] else 'thin and light laptop with an anti-glare display'}, "
                 f"{a['ram']} GB memory and a {ssd} NVMe SSD. {'Runs cool under load with dual fans. ' if a['gaming'] else 'All-day battery and a backlit keyboard. '}"
                 f"Two USB-C ports with charging, HDMI and Wi-Fi 6.")
    return a


def monitor():
    a = {"inch": pick([24, 27, 32]), "res": pick(["1080p", "1440p", "4K"]), "hz": pick([60, 75, 144, 165]),
         "price": 0}
    a["price"] = 120 + {"1080p": 0, "1440p": 90, "4K": 200}[a["res"]] + (a["inch"] - 24) * 10 + (60 if a["hz"] >= 144 else 0)
    a["title"] = f"{a['inch']}\" {a['res']} Monitor {a['hz']}Hz"
    a["text"] = (f"{a['inch']} inch IPS monitor at {a['res']} resolution and {a['hz']} Hz refresh. "
                 f"{'Smooth for competitive gaming with adaptive sync. ' if a['hz'] >= 144 else 'Sharp text for office work and browsing. '}"
                 f"HDMI and DisplayPort inputs, height adjustable stand. Price ${a['price']}.")
    return a


PHONES = ["X10", "X12", "X12 Pro", "S5", "S6 Max"]


def phone():
    a = {"model": pick(PHONES), "storage": pick([128, 256, 512]), "color": pick(["black", "blue", "silver", "green"])}
    a["title"] = f"Smartphone {a['model']} {a['storage']}GB, {a['color'].title()}"
    a["text"] = (f"The {a['model']} smartphone with {a['storage']} GB storage in {a['color']}. 6.4 inch OLED display, "
                 f"triple camera, 5G and all-day battery with 30 W fast charging.")
    return a


def case():
    a = {"model": pick(PHONES), "material": pick(["silicone", "leather", "rugged"])}
    a["title"] = f"{a['material'].title()} Case for {a['model']}"
    a["text"] = (f"{a['material'].capitalize()} phone case made for the {a['model']}. "
                 f"{'Military-grade drop protection with raised edges. ' if a['material'] == 'rugged' else 'Slim fit with a soft microfiber lining. '}"
                 f"Precise cutouts, wireless charging compatible.")
    return a


def keyboard():
    a = {"mechanical": random.random() < 0.5, "wireless": random.random() < 0.6}
    a["title"] = f"{'Mechanical' if a['mechanical'] else 'Low-Profile'} Keyboard{', Wireless' if a['wireless'] else ', USB Wired'}"
    a["text"] = (f"{'Mechanical keyboard with hot-swappable tactile switches' if a['mechanical'] else 'Quiet low-profile scissor keys'}, "
                 f"{'Bluetooth and 2.4 GHz wireless for up to three devices' if a['wireless'] else 'braided USB-C cable'}, "
                 f"full-size layout with media keys.")
    return a


def mouse():
    a = {"wireless": random.random() < 0.7, "kind": pick(["ergonomic", "gaming", "travel"])}
    a["title"] = f"{a['kind'].title()} Mouse{', Wireless' if a['wireless'] else ', Wired'}"
    a["text"] = ({"ergonomic": "Vertical ergonomic shape that eases wrist strain over long days. ",
                  "gaming": "Gaming sensor up to 26,000 DPI, six programmable buttons, 60 g. ",
                  "travel": "Compact travel mouse that fits a jacket pocket. "}[a["kind"]]
                 + ("Wireless with a rechargeable battery." if a["wireless"] else "Wired, no batteries needed."))
    return a


def powerbank():
    a = {"mah": pick([5000, 10000, 20000, 26800]), "watts": pick([20, 45, 65])}
    a["title"] = f"Power Bank {a['mah']}mAh, {a['watts']}W USB-C PD"
    a["text"] = (f"Portable battery with {a['mah']} mAh capacity and {a['watts']} W USB-C power delivery. "
                 f"{'Charges a laptop on the go. ' if a['watts'] >= 45 else 'Charges a phone several times. '}"
                 f"{'Airline approved under 100 Wh. ' if a['mah'] <= 26800 else ''}LED charge indicator.")
    return a


def ssd():
    a = {"tb": pick([0.5, 1, 2, 4]), "external": random.random() < 0.5}
    size = "500GB" if a["tb"] == 0.5 else f"{int(a['tb'])}TB"
    a["title"] = f"{'Portable External' if a['external'] else 'Internal NVMe M.2'} SSD {size}"
    a["text"] = (f"{size} {'portable SSD with USB-C 10 Gbps, up to 1,050 MB/s, shock resistant' if a['external'] else 'PCIe 4.0 NVMe M.2 2280 drive with reads up to 7,000 MB/s for desktops, laptops and consoles'}. "
                 f"Five year warranty.")
    return a


def watch():
    a = {"gps": random.random() < 0.6, "days": pick([2, 7, 14])}
    a["title"] = f"Smart Watch{' with GPS' if a['gps'] else ''}, {a['days']}-Day Battery"
    a["text"] = (f"Fitness smart watch with heart rate, sleep and SpO2 tracking and {a['days']} days of battery. "
                 f"{'Built-in GPS maps runs and rides without a phone. ' if a['gps'] else 'Uses the phone connection for GPS. '}"
                 f"5 ATM water resistant, notifications from iOS and Android.")
    return a


def speaker():
    a = {"waterproof": random.random() < 0.6, "watts": pick([10, 20, 40])}
    a["title"] = f"Portable Bluetooth Speaker {a['watts']}W{', Waterproof' if a['waterproof'] else ''}"
    a["text"] = (f"{a['watts']} W portable speaker with deep bass and 12 hours of play. "
                 f"{'IP67 waterproof and dustproof, floats in the pool. ' if a['waterproof'] else 'For the desk or the kitchen. '}Pairs two speakers for stereo.")
    return a


def router():
    a = {"wifi": pick(["Wi-Fi 6", "Wi-Fi 6E", "Wi-Fi 7"]), "mesh": random.random() < 0.5}
    a["title"] = f"{a['wifi']} {'Mesh System, 3-Pack' if a['mesh'] else 'Router'}"
    a["text"] = (f"{a['wifi']} {'mesh system covering large homes without dead zones' if a['mesh'] else 'router with four gigabit LAN ports'}. "
                 f"WPA3 security, parental controls and an easy phone app setup.")
    return a


def tv():
    a = {"inch": pick([43, 50, 55, 65]), "panel": pick(["LED", "QLED", "OLED"])}
    a["title"] = f"{a['inch']}\" 4K {a['panel']} Smart TV"
    a["text"] = (f"{a['inch']} inch 4K {a['panel']} smart TV with HDR10 and Dolby Vision. "
                 f"{'Perfect blacks and wide viewing angles. ' if a['panel'] == 'OLED' else 'Bright picture for sunny rooms. '}Built-in streaming apps and voice remote.")
    return a


CATEGORIES = {
    "charger": (charger, 36), "cable": (cable, 28), "headphones": (headphones, 26), "earbuds": (earbuds, 30),
    "laptop": (laptop, 34), "monitor": (monitor, 30), "phone": (phone, 24), "case": (case, 24),
    "keyboard": (keyboard, 20), "mouse": (mouse, 22), "powerbank": (powerbank, 24), "ssd": (ssd, 24),
    "watch": (watch, 20), "speaker": (speaker, 20), "router": (router, 18), "tv": (tv, 20),
}

# Query templates: (category, constraint names, text writer). Constraint values come from a product.
TEMPLATES = [
    ("charger", ["watts"], lambda a: pick([f"{a['watts']}w usb c charger", f"usb-c charger {a['watts']} watt", f"{a['watts']}w laptop charger"])),
    ("charger", ["watts", "ports"], lambda a: f"{a['watts']}w charger with {a['ports']} ports"),
    ("charger", ["gan"], lambda a: "gan charger small" if a["gan"] else "cheap usb c wall plug not gan"),
    ("cable", ["meters"], lambda a: pick([f"{a['meters']}m usb c cable", f"usb c to c cable {a['meters']} meter"])),
    ("cable", ["watts"], lambda a: f"{a['watts']}w usb c cable for laptop"),
    ("cable", ["braided"], lambda a: "braided usb-c cable that does not fray" if a["braided"] else "usb c cable rubber not braided"),
    ("headphones", ["anc"], lambda a: pick(["noise cancelling headphones for flights", "bluetooth hedphones with anc"]) if a["anc"] else "headphones without noise cancelling"),
    ("headphones", ["fit"], lambda a: f"{a['fit']} wireless headphones"),
    ("headphones", ["hours"], lambda a: f"headphones with {a['hours']} hour battery"),
    ("earbuds", ["sport"], lambda a: pick(["which earbuds work best for running", "waterproof earbuds for the gym"]) if a["sport"] else "everyday wireless earbuds"),
    ("earbuds", ["anc"], lambda a: "earbuds with active noise cancellation" if a["anc"] else "earbuds without anc"),
    ("earbuds", ["ip"], lambda a: f"{a['ip'].lower()} earbuds"),
    ("laptop", ["gaming"], lambda a: pick(["gaming laptop", "laptop for playing games"]) if a["gaming"] else "lightweight laptop for students"),
    ("laptop", ["ram"], lambda a: f"laptop with {a['ram']}gb ram"),
    ("laptop", ["inch", "ram"], lambda a: f"{a['inch']} inch laptop {a['ram']}gb"),
    ("laptop", ["ssd"], lambda a: f"laptop with {'1tb' if a['ssd'] == 1024 else str(a['ssd']) + 'gb'} ssd"),
    ("monitor", ["res"], lambda a: f"{a['res'].lower()} monitor"),
    ("monitor", ["inch", "res"], lambda a: f"{a['inch']} inch {a['res'].lower()} monitor"),
    ("monitor", ["hz"], lambda a: f"{a['hz']}hz monitor for gaming" if a["hz"] >= 144 else f"{a['hz']}hz office monitor"),
    ("monitor", ["res", "price"], lambda a: f"{a['res'].lower()} monitor under {((a['price'] // 50) + 1) * 50}"),
    ("phone", ["model"], lambda a: f"{a['model'].lower()} phone"),
    ("phone", ["model", "storage"], lambda a: f"{a['model'].lower()} {a['storage']}gb"),
    ("case", ["model"], lambda a: f"case for {a['model'].lower()}"),
    ("case", ["model", "material"], lambda a: f"{a['material']} case {a['model'].lower()}"),
    ("keyboard", ["mechanical"], lambda a: "mechanical keyboard" if a["mechanical"] else "quiet keyboard for the office"),
    ("keyboard", ["wireless"], lambda a: "wireless keyboard bluetooth" if a["wireless"] else "wired usb keyboard"),
    ("mouse", ["kind"], lambda a: {"ergonomic": "mouse for wrist pain", "gaming": "gaming mouse high dpi", "travel": "small mouse for travel"}[a["kind"]]),
    ("mouse", ["kind", "wireless"], lambda a: f"{'wireless' if a['wireless'] else 'wired'} {a['kind']} mouse"),
    ("powerbank", ["mah"], lambda a: f"{a['mah']}mah power bank"),
    ("powerbank", ["watts"], lambda a: "power bank that can charge a laptop" if a["watts"] >= 45 else f"{a['watts']}w portable charger"),
    ("ssd", ["external"], lambda a: "portable ssd usb c" if a["external"] else "nvme ssd for ps5"),
    ("ssd", ["tb", "external"], lambda a: f"{'500gb' if a['tb'] == 0.5 else str(int(a['tb'])) + 'tb'} {'external' if a['external'] else 'nvme'} ssd"),
    ("watch", ["gps"], lambda a: "smart watch with built in gps for running" if a["gps"] else "cheap fitness tracker watch"),
    ("watch", ["days"], lambda a: f"smartwatch {a['days']} day battery"),
    ("speaker", ["waterproof"], lambda a: "waterproof bluetooth speaker for the pool" if a["waterproof"] else "bluetooth speaker for the kitchen"),
    ("router", ["mesh"], lambda a: "mesh wifi for a big house" if a["mesh"] else "wifi router"),
    ("router", ["wifi"], lambda a: f"{a['wifi'].lower()} router"),
    ("tv", ["inch"], lambda a: f"{a['inch']} inch tv"),
    ("tv", ["panel"], lambda a: f"{a['panel'].lower()} tv"),
    ("tv", ["inch", "panel"], lambda a: f"{a['inch']} inch {a['panel'].lower()} tv"),
]


def satisfies(product, cat, constraints, values):
    if product["category"] != cat:
        return 0
    misses = 0
    for c in constraints:
        if c == "price":
            ok = product["attrs"]["price"] < ((values["price"] // 50) + 1) * 50
        else:
            ok = product["attrs"][c] == values[c]
        misses += 0 if ok else 1
    return 2 if misses == 0 else (1 if misses == 1 and len(constraints) > 1 else 0)


def main():
    products = []
    for cat, (make, count) in CATEGORIES.items():
        for _ in range(count):
            a = make()
            brand = pick(BRANDS)
            pid = f"p{len(products) + 1:04d}"
            products.append({"_id": pid, "category": cat, "attrs": a,
                             "title": f"{brand} {a['title']}", "text": a["text"]})
    queries, qrels = [], []
    seen = set()
    attempts = 0
    while len(queries) < 160 and attempts < 20000:
        attempts += 1
        cat, constraints, write = pick(TEMPLATES)
        source = pick([p for p in products if p["category"] == cat])
        text = write(source["attrs"])
        if text in seen:
            continue
        grades = {p["_id"]: satisfies(p, cat, constraints, source["attrs"]) for p in products}
        exact = [pid for pid, g in grades.items() if g == 2]
        partial = [pid for pid, g in grades.items() if g == 1]
        if not 1 <= len(exact) <= 6:
            continue
        seen.add(text)
        qid = f"q{len(queries) + 1:03d}"
        queries.append({"_id": qid, "text": text})
        for pid in exact:
            qrels.append((qid, pid, 2))
        for pid in partial[: max(0, 6 - len(exact))]:
            qrels.append((qid, pid, 1))
    os.makedirs(os.path.join(HERE, "qrels"), exist_ok=True)
    with open(os.path.join(HERE, "corpus.jsonl"), "w") as f:
        for p in products:
            f.write(json.dumps({"_id": p["_id"], "title": p["title"], "text": p["text"]}) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    split = {q["_id"]: ("train" if i % 2 == 0 else "test") for i, q in enumerate(queries)}
    for name in ("train", "test"):
        with open(os.path.join(HERE, "qrels", name + ".tsv"), "w") as f:
            f.write("query-id\tcorpus-id\tscore\n")
            for qid, pid, g in qrels:
                if split[qid] == name:
                    f.write(f"{qid}\t{pid}\t{g}\n")
    print(f"{len(products)} products, {len(queries)} queries, {len(qrels)} judgments "
          f"({sum(1 for s in split.values() if s == 'train')} train / {sum(1 for s in split.values() if s == 'test')} test queries)")


if __name__ == "__main__":
    main()
