using System.Buffers.Text;
using System.Security.Cryptography;
using QRCoder;

namespace Masthead.Events;

/// <summary>In-person tickets: a random code per confirmed registration and its QR, which encodes the absolute
/// check-in address so the camera of a staff phone opens the check-in page. The code is the whole credential: it
/// carries no member or event data and cannot be guessed (128 random bits).</summary>
public static class EventTickets
{
    public static string CheckInPath(string ticketCode) => $"/admin/events/check-in/{ticketCode}";

    /// <summary>16 random bytes, Base64Url: 22 characters, safe in a path.</summary>
    public static string NewCode() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A PNG (black on white, a quiet zone around it) for mail and the account page.</summary>
    public static byte[] QrPng(string checkInUrl)
    {
        using var data = Encode(checkInUrl);
        return new PngByteQRCode(data).GetGraphic(8, drawQuietZones: true);
    }

    /// <summary>SVG markup that scales with the box it is put in (viewBox, no fixed size).</summary>
    public static string QrSvg(string checkInUrl)
    {
        using var data = Encode(checkInUrl);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(256, 256), "#000000", "#ffffff", true,
            SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    private static QRCodeData Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
    }
}
