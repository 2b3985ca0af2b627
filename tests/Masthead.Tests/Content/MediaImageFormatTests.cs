using Masthead.Content.Media;

using Masthead.Tests.Support;

namespace Masthead.Tests.Content;

public sealed class MediaImageFormatTests
{
    [Fact]
    public void FormatsAreRecognisedByTheirFirstBytesWithTheirSize()
    {
        var png = ImageFormat.Detect(TestImages.Png(7, 9))!;
        Assert.Equal(("image/png", ".png", 7, 9), (png.ContentType, png.Extension, png.Width!.Value, png.Height!.Value));

        var gif = ImageFormat.Detect([.. "GIF89a"u8, 0x20, 0x00, 0x10, 0x00, 0, 0, 0])!;
        Assert.Equal(("image/gif", 32, 16), (gif.ContentType, gif.Width!.Value, gif.Height!.Value));

        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 0x0102 and width 0x0304.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. new byte[14], 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x02, 0x03, 0x04, 0x03, 0, 0, 0];
        var jpg = ImageFormat.Detect(jpeg)!;
        Assert.Equal(("image/jpeg", ".jpg", 0x0304, 0x0102), (jpg.ContentType, jpg.Extension, jpg.Width!.Value, jpg.Height!.Value));

        byte[] webp = [.. "RIFF"u8, 30, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 49, 0, 0];
        var w = ImageFormat.Detect(webp)!;
        Assert.Equal(("image/webp", 100, 50), (w.ContentType, w.Width!.Value, w.Height!.Value));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("<!DOCTYPE html><p>hi</p>")]
    [InlineData("GIF8")]
    [InlineData("RIFF0000WAVEfmt ")]
    [InlineData("")]
    public void AnythingElseIsNotAnImage(string text) =>
        Assert.Null(ImageFormat.Detect(System.Text.Encoding.UTF8.GetBytes(text)));
}
