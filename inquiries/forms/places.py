"""Places of birth or family registration: the 47 prefectures in the standard order, then pre-war places."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

_PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
_PREWAR = (
    ("91", "樺太"),
    ("92", "千島"),
    ("93", "朝鮮"),
    ("94", "台湾"),
    ("95", "関東州"),
    ("96", "満洲"),
    ("97", "南洋群島"),
)

# (code, name): JIS codes 01–47, then 91–97 for places outside today's Japan.
PLACES: tuple[tuple[str, str], ...] = (
    tuple((f"{i:02d}", name) for i, name in enumerate(_PREFECTURES, 1)) + _PREWAR
)
PLACE_NAMES = dict(PLACES)


def place_choices():
    return [("", _("選んでください（分からなければこのままで結構です）"))] + [
        (_("都道府県"), [(code, name) for code, name in PLACES[:47]]),
        (_("戦前の地域"), [(code, name) for code, name in PLACES[47:]]),
    ]
