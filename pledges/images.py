"""Images re-encoded without their metadata before they are stored.

A photo straight from a phone carries EXIF (the camera, the time, often the GPS
position where it was taken), XMP and comments. Every image the public sends
with a submission, and every image uploaded in the Wagtail admin, is decoded
and encoded again in the same format with none of that: the EXIF orientation
is applied to the pixels first, so the picture still stands the right way up.
The colour profile and what an animation needs (frame durations, loop,
transparency) are kept.
"""

import io
import logging
import os

from PIL import Image, ImageOps, ImageSequence

from django.core.files.base import ContentFile

logger = logging.getLogger(__name__)

# What survives of ``Image.info``: nothing that can describe a person or a place.
KEPT_INFO = ("transparency", "duration", "loop", "background", "icc_profile")
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "GIF": {},
}


class ImageTooLarge(ValueError):
    """Decoding every frame would take more pixels than allowed."""


def _clean_info(image):
    """Drop everything from ``image.info`` but what an animation needs."""
    kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    image.info.clear()
    image.info.update({key: value for key, value in kept.items() if key != "icc_profile"})


def reencode(data, *, max_pixels=None):
    """``(bytes, format, width, height)``: ``data`` (an image file's bytes) without metadata.

    Raises ``ImageTooLarge`` when all frames together exceed ``max_pixels``, and
    whatever Pillow raises for what is not an image of a supported format.
    """
    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format
        if image_format not in SAVE_OPTIONS:
            raise ValueError(f"unsupported format {image_format}")
        frames = getattr(image, "n_frames", 1)
        if max_pixels and image.width * image.height * frames > max_pixels:
            raise ImageTooLarge(f"{image.width}x{image.height}x{frames}")
        kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
        options = dict(SAVE_OPTIONS[image_format])
        if kept.get("icc_profile"):
            options["icc_profile"] = kept["icc_profile"]
        output = io.BytesIO()
        if frames > 1 and image_format in ("GIF", "WEBP"):
            sequence, durations = [], []
            for frame in ImageSequence.Iterator(image):
                durations.append(frame.info.get("duration", kept.get("duration", 100)))
                copy = frame.copy()
                _clean_info(copy)
                sequence.append(copy)
            options["duration"] = durations
            for key in ("loop", "background", "transparency"):
                if key in kept:
                    options[key] = kept[key]
            sequence[0].save(
                output,
                image_format,
                save_all=True,
                append_images=sequence[1:],
                exif=b"",
                **options,
            )
            width, height = sequence[0].size
        else:
            upright = ImageOps.exif_transpose(image)
            _clean_info(upright)
            if "transparency" in kept and image_format in ("PNG", "GIF"):
                options["transparency"] = kept["transparency"]
            if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
                upright = upright.convert("RGB")
            upright.save(output, image_format, exif=b"", **options)
            width, height = upright.size
    return output.getvalue(), image_format, width, height


def strip_uploaded_image(sender, instance, raw=False, **kwargs):
    """``pre_save`` of the Wagtail image model: a newly uploaded file loses its metadata.

    Only a file that has not been written to storage yet is touched (a new
    upload, or a replaced file); an image saved again keeps its file. What
    Pillow cannot re-encode (an SVG, a format Wagtail allows but Pillow does
    not write) is stored as it came, with a log line.
    """
    field_file = instance.file
    if raw or not field_file or getattr(field_file, "_committed", True):
        return
    try:
        field_file.seek(0)
        original = field_file.read()
        data, _image_format, width, height = reencode(original)
    except Exception:
        logger.warning("image %r not re-encoded; stored as uploaded", field_file.name)
        field_file.seek(0)
        return
    name = os.path.basename(field_file.name)
    instance.file = ContentFile(data, name=name)
    instance.width, instance.height = width, height
    instance.file_size = len(data)
    instance._set_file_hash()
    instance.file.seek(0)
