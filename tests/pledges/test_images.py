"""Uploaded images lose their metadata (EXIF, GPS position, XMP, comments) before they are
stored, stand the right way up, and keep their format — on the public form and in the admin."""

import hashlib
import io
from pathlib import Path

from PIL import ExifTags, Image

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

from pledges.models import ActionSubmission
from tests.pledges.test_submission import URL, valid_data

RED, BLUE = (200, 0, 0), (0, 0, 200)
PRIVATE = (b"PhoneMaker", b"Home sweet home", b"secret place")


def photo_with_gps(fmt="JPEG"):
    """A 64×48 photo as a phone takes it: left half red, right half blue, stored sideways
    (EXIF orientation 6: turn 90° clockwise to view), with the GPS position where it was
    taken, the camera's make, a comment and XMP."""
    image = Image.new("RGB", (64, 48), BLUE)
    image.paste(RED, (0, 0, 32, 48))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 29.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (2.0, 17.0, 40.0),
    }
    buffer = io.BytesIO()
    extra = {"comment": b"Home sweet home"} if fmt == "JPEG" else {}
    image.save(buffer, fmt, exif=exif, xmp=b"<x:xmpmeta>secret place</x:xmpmeta>", **extra)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo does carry all of it
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert all(marker in data for marker in PRIVATE if fmt == "JPEG")
    return data


def assert_clean_and_upright(data, fmt):
    for marker in PRIVATE:
        assert marker not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == fmt
        assert len(image.getexif()) == 0
        assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)
        assert image.size == (48, 64)  # turned the right way up
        image = image.convert("RGB")
        top, bottom = image.getpixel((24, 4)), image.getpixel((24, 60))
        assert top[0] > 150 and top[2] < 60  # the red half is on top now
        assert bottom[2] > 150 and bottom[0] < 60


def test_public_form_stores_images_without_gps_or_other_metadata(
    client, call_page, django_capture_on_commit_callbacks
):
    images = [
        SimpleUploadedFile("IMG_0001.jpg", photo_with_gps("JPEG"), "image/jpeg"),
        SimpleUploadedFile("IMG_0002.webp", photo_with_gps("WEBP"), "image/webp"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**valid_data(), "images": images})
    assert response.status_code == 302
    stored = list(ActionSubmission.objects.get().images.all())
    assert [(i.extension, i.width, i.height) for i in stored] == [
        ("jpg", 48, 64),
        ("webp", 48, 64),
    ]
    for item, fmt in zip(stored, ("JPEG", "WEBP"), strict=True):
        path = Path(settings.MEDIA_ROOT) / item.file.name
        assert_clean_and_upright(path.read_bytes(), fmt)


def test_animated_gif_keeps_its_frames_and_loses_its_comment(client, call_page):
    frames = [Image.new("RGB", (20, 20), color) for color in (RED, BLUE, (0, 160, 0))]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        comment=b"Home sweet home",
    )
    upload = SimpleUploadedFile("wave.gif", buffer.getvalue(), "image/gif")
    assert client.post(URL, {**valid_data(), "images": [upload]}).status_code == 302
    item = ActionSubmission.objects.get().images.get()
    data = (Path(settings.MEDIA_ROOT) / item.file.name).read_bytes()
    assert b"Home sweet home" not in data
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.n_frames == 3
        durations = []
        for frame in range(3):
            gif.seek(frame)
            durations.append(gif.info["duration"])
        assert durations == [100, 200, 300]


def test_images_uploaded_in_the_admin_lose_their_metadata_too(admin_client):
    Image_ = get_image_model()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Welcome desk",
            "file": SimpleUploadedFile("IMG_0003.jpg", photo_with_gps(), "image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image_.objects.get(title="Welcome desk")
    with image.open_file() as handle:
        data = handle.read()
    assert_clean_and_upright(data, "JPEG")
    assert (image.width, image.height) == (48, 64)
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324 (Wagtail's hash)

    # The multiple-upload page (drag and drop) too.
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("IMG_0004.jpg", photo_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 200
    image = Image_.objects.exclude(title="Welcome desk").get()
    with image.open_file() as handle:
        assert_clean_and_upright(handle.read(), "JPEG")
