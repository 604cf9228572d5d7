"""An image file as grayscale pixels (numpy), loaded with Qt: JPEG, PNG, BMP, WebP, TIFF … as this Qt
reads them, turned upright as the phone recorded it. For reading a 明白卡's QR code from a photo
(`services.printing.card_photo`), in the window and in `fupin cards --scan`; needs no QApplication."""

from __future__ import annotations

from pathlib import Path

import numpy
from PySide6.QtGui import QImage, QImageReader

from fupin_desktop.errors import InputUnreadable

# Photo formats in the order the file dialog names them; only those this Qt can read are offered.
PHOTO_FORMATS = ("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "heic")
FORMAT_HINT = "请选择 JPG 或 PNG 格式的照片（苹果手机的 HEIC 照片用微信发到电脑后就是 JPG）。"
UNREADABLE = {
    QImageReader.ImageReaderError.FileNotFoundError: "文件不存在或已被移走。请检查文件名和所在的文件夹。",
    QImageReader.ImageReaderError.DeviceError: "文件无法读取（可能正被占用，或 U 盘已拔出）。请稍后再试。",
    QImageReader.ImageReaderError.UnsupportedFormatError: "不是本程序能打开的图片格式。" + FORMAT_HINT,
    QImageReader.ImageReaderError.InvalidDataError: "图片文件已损坏或不完整。" + FORMAT_HINT,
}


def photo_patterns() -> list[str]:
    """`*.jpg`, `*.png` …: the photo formats this Qt reads (HEIC only where a plugin reads it)."""
    readable = {bytes(f.data()).decode().lower() for f in QImageReader.supportedImageFormats()}
    return [f"*.{ext}" for ext in PHOTO_FORMATS if ext in readable]


def photo_pixels(path: Path) -> numpy.ndarray:
    """The image at `path` as grayscale pixels (rows × columns), upright as the phone took it."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a phone stores a turned photo with an orientation tag
    image = reader.read()
    if image.isNull():
        why = UNREADABLE.get(reader.error(), "无法读取。" + FORMAT_HINT)
        raise InputUnreadable(f"无法打开照片“{path.name}”：{why}")
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = numpy.frombuffer(gray.constBits(), dtype=numpy.uint8, count=gray.sizeInBytes())
    # each row is padded to 4 bytes: keep the pixels only, as a copy that outlives `gray`
    return rows.reshape(gray.height(), gray.bytesPerLine())[:, : gray.width()].copy()


def read_photo_codes(path: Path) -> list[str]:
    """The 明白卡 codes on the photo at `path` (see `services.printing.card_photo.card_codes`)."""
    from fupin_desktop.services.printing import card_codes

    return card_codes(photo_pixels(path))
