#!/usr/bin/env python3
"""Generates a PlanSite content folder of N plans, deterministic from a seed.

Each plan has a Vietnamese and an English file of 8–20 KB in exactly the format of content/: front matter
with every field, a body of real sentences recombined from content/plans (headings, bullets, bold, a
footnote) and 5–30 citations of documents from a registry of a few hundred entries (the real registry plus
generated ones). The same seed always gives the same bytes.

usage: make_corpus.py --plans 2000 --seed 1 --out /tmp/corpus [--source content]
"""
import argparse
import os
import random
import re
import shutil

ISSUER_PLACES = ["Hóc Môn", "Ba Đình", "Quy Nhơn", "Củ Chi", "Bình Chánh", "Nhà Bè", "Cần Giờ", "Hoàn Kiếm", "Tây Hồ",
                 "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Hoàng Mai", "Thanh Xuân", "Sơn Trà", "Hải Châu",
                 "Ninh Kiều", "Hạ Long", "Móng Cái", "Sa Pa", "Hội An", "Đà Lạt", "Vũng Tàu", "Phan Thiết", "Buôn Ma Thuột",
                 "Pleiku", "Quảng Ngãi", "Tuy Hòa", "Nha Trang", "Cam Ranh", "Rạch Giá", "Phú Quốc", "Cà Mau", "Bạc Liêu",
                 "Sóc Trăng", "Trà Vinh", "Bến Tre", "Mỹ Tho", "Tân An", "Thủ Dầu Một", "Biên Hòa", "Tây Ninh", "Đồng Xoài",
                 "Vĩnh Yên", "Việt Trì", "Thái Nguyên", "Lạng Sơn", "Cao Bằng", "Hà Giang"]
TOPICS = ["thong-tin-doi-ngoai", "quang-ba-hinh-anh", "doi-ngoai-nhan-dan", "dau-tranh-phan-bac", "chuyen-doi-so",
          "bao-chi-phat-ngon", "hoi-phu-nu"]
KINDS = [("ket-luan", "KL", "Kết luận", "Conclusion", "TW", "Bộ Chính trị", "the Politburo"),
         ("chi-thi", "CT", "Chỉ thị", "Directive", "TU", "Ban Thường vụ Thành ủy", "the Standing Committee of the City Party Committee"),
         ("nghi-quyet", "NQ", "Nghị quyết", "Resolution", "TW", "Ban Chấp hành Trung ương", "the Party Central Committee"),
         ("ke-hoach", "KH", "Kế hoạch", "Plan", "HU", "Huyện ủy", "the District Party Committee")]
STATE = [("nghi-dinh", "NĐ-CP", "Nghị định", "Decree", "Chính phủ", "the Government"),
         ("thong-tu", "TT-BTTTT", "Thông tư", "Circular", "Bộ Thông tin và Truyền thông", "the Ministry of Information and Communications"),
         ("quyet-dinh", "QĐ-TTg", "Quyết định", "Decision", "Thủ tướng Chính phủ", "the Prime Minister"),
         ("quyet-dinh", "QĐ-UBND", "Quyết định", "Decision", "Ủy ban nhân dân Thành phố", "the City People's Committee")]


def sentences(folder, language):
    pool = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(f".{language}.md"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        body = text.split("\n---\n", 1)[1]
        for line in body.split("\n"):
            line = line.strip()
            if not line or line.startswith(("#", "---", "¹")):
                continue
            line = re.sub(r"^(- |\d+\\\. )", "", line)
            line = re.sub(r"\d+[-/][0-9A-ZĐa-z/-]+", "", line)  # drop existing symbols; citations are added below
            for sentence in re.split(r"(?<=[.;])\s+", line):
                if 40 <= len(sentence) <= 400:
                    pool.append(sentence)
    return pool


def registry(rng, size):
    entries = []
    seen = set()
    while len(entries) < size:
        year = rng.randint(2005, 2024)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if rng.random() < 0.5:
            kind, code, vi_kind, en_kind, body, vi_issuer, en_issuer = rng.choice(KINDS)
            symbol = f"{rng.randint(1, 399)}-{code}/{body}"
        else:
            kind, code, vi_kind, en_kind, vi_issuer, en_issuer = rng.choice(STATE)
            symbol = f"{rng.randint(1, 2999)}/{year}/{code}" if rng.random() < 0.6 else f"{rng.randint(1, 2999)}/{code}"
        key = re.sub(r"\s", "", symbol)
        if key in seen:
            continue
        seen.add(key)
        entries.append({"symbol": symbol, "type": kind, "date": f"{year}-{month:02d}-{day:02d}", "vi_kind": vi_kind,
                        "en_kind": en_kind, "vi_issuer": vi_issuer, "en_issuer": en_issuer,
                        "vi_title": f"về công tác thông tin đối ngoại và quảng bá hình ảnh số {len(entries) + 1}",
                        "en_title": f"on external information work and promoting the image, no. {len(entries) + 1}"})
    return entries


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def body(rng, pool, citations, language, target_bytes):
    parts, size, cited = [], 0, 0
    section = 0
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    while size < target_bytes or cited < len(citations):
        if section < len(romans) and (not parts or rng.random() < 0.08):
            heading = f"## {romans[section]}. " + rng.choice(pool)[:60].rstrip(" ,;.").upper()
            parts.append(heading)
            section += 1
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
        if cited < len(citations) and rng.random() < 0.6:
            doc = citations[cited]
            cited += 1
            phrase = (f"{doc['vi_kind']} số {doc['symbol']}" if language == "vi" else f"{doc['en_kind']} No. {doc['symbol']}")
            paragraph = paragraph + (" Thực hiện " if language == "vi" else " Implementing ") + phrase + "."
        style = rng.random()
        if style < 0.25:
            paragraph = "- " + paragraph + "\n- " + rng.choice(pool)
        elif style < 0.35:
            words = paragraph.split(" ")
            if len(words) > 6:
                words[2] = "**" + words[2]
                words[5] = words[5] + "**"
            paragraph = " ".join(words)
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    parts.append("Kế hoạch này được triển khai¹ trên địa bàn./." if language == "vi" else "This Plan shall be implemented¹ in the locality.")
    parts.append("---")
    parts.append("¹ " + rng.choice(pool))
    return "\n\n".join(parts) + "\n"


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--plans", type=int, required=True)
    arguments.add_argument("--seed", type=int, default=1)
    arguments.add_argument("--out", required=True)
    arguments.add_argument("--source", default=os.path.join(os.path.dirname(__file__), "..", "content"))
    arguments.add_argument("--registry-size", type=int, default=300)
    options = arguments.parse_args()
    rng = random.Random(options.seed)
    pools = {lang: sentences(os.path.join(options.source, "plans"), lang) for lang in ("vi", "en")}
    docs = registry(rng, options.registry_size)
    if os.path.exists(options.out):
        shutil.rmtree(options.out)
    os.makedirs(os.path.join(options.out, "plans"))
    os.makedirs(os.path.join(options.out, "legal"))
    shutil.copy(os.path.join(options.source, "site.yml"), os.path.join(options.out, "site.yml"))
    with open(os.path.join(options.out, "legal", "documents.yml"), "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(f"- symbol: {quote(doc['symbol'])}\n  type: {doc['type']}\n  date: \"{doc['date']}\"\n"
                         f"  issuer: {{vi: {quote(doc['vi_issuer'])}, en: {quote(doc['en_issuer'])}}}\n"
                         f"  title: {{vi: {quote(doc['vi_title'])}, en: {quote(doc['en_title'])}}}\n\n")
    for number in range(1, options.plans + 1):
        place = rng.choice(ISSUER_PLACES)
        year = rng.randint(2015, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        symbol = f"{number}/KH-UBND"
        slug = f"{number}-kh-ubnd-{year}"
        cited = rng.sample(docs, rng.randint(5, 30))
        topics = sorted(rng.sample(TOPICS, rng.randint(1, 3)))
        target = rng.randint(8000, 19000)
        for language in ("vi", "en"):
            vi = language == "vi"
            title = (f"Tổ chức hoạt động thông tin đối ngoại trên địa bàn {place} năm {year}" if vi
                     else f"Organising external information activities in {place} in {year}")
            front = [
                "---", "type: ke-hoach", f"number: {quote(symbol)}", "status: issued", "system: state",
                f"parent_issuer: {quote('Ủy ban nhân dân tỉnh' if vi else 'The Provincial People’s Committee')}",
                f"issuer: {quote(('Ủy ban nhân dân ' if vi else 'The People’s Committee of ') + place)}",
                f"place: {quote(place)}", f"date: \"{date}\"", f"title: {quote(title)}",
                "basis: [" + ", ".join(quote(d["symbol"]) for d in cited[:2]) + "]",
                "signature:", f"  lines: [{quote('KT. CHỦ TỊCH' if vi else 'P.P. CHAIRPERSON')}, {quote('PHÓ CHỦ TỊCH' if vi else 'VICE CHAIRPERSON')}]",
                f"  name: {quote('Nguyễn Văn ' + chr(65 + number % 26))}",
                f"recipients: [{quote('Như trên' if vi else 'As above')}, {quote('Lưu: VT' if vi else 'Filed: Records')}]",
                "topics: [" + ", ".join(topics) + "]",
                f"summary: {quote(title + '.')}", "---",
            ]
            text = "\n".join(front) + "\n" + body(rng, pools[language], cited, language, target)
            with open(os.path.join(options.out, "plans", f"{slug}.{language}.md"), "w", encoding="utf-8") as handle:
                handle.write(text)


if __name__ == "__main__":
    main()
