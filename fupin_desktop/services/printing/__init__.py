"""明白卡 and 公示名单: what each card and notice says, the batch jobs that write them, the card's QR
code read back from a scan or a phone photo, and printed lists recorded in the audit log."""

from fupin_desktop.services import rooms

FRONT = {
    "card_check": (
        "CardStatus",
        "card_problems",
        "check_scanned",
        "problems_text",
    ),
    "card_digest": ("looks_like_card",),
    "card_photo": (
        "card_codes",
        "describe_code",
    ),
    "cards": (
        "PrintResult",
        "card_data",
        "cards_job",
        "find_village",
        "household_ids_by_number",
        "ordered_ids",
        "register_ids",
        "township_household_ids",
        "village_household_ids",
    ),
    "notices": (
        "default_period",
        "disclosure_note",
        "notice_job",
    ),
    "print_log": ("record_printed",),
}
__all__, __getattr__, __dir__ = rooms.front(__name__, FRONT)
