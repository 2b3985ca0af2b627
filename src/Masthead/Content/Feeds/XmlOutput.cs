using System.Globalization;
using System.Text;
using System.Xml;

namespace Masthead.Content.Feeds;

/// <summary>Shared plumbing for feeds and sitemaps: UTF-8 XmlWriter into memory, dates in the formats the
/// specs ask for, and text cleaned of characters XML 1.0 cannot carry.</summary>
internal static class XmlOutput
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";
    public const string XmlContentType = "application/xml; charset=utf-8";

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }

    /// <summary>RFC 822 (as RFC 1123 tightened it), for RSS.</summary>
    public static string Rfc822(DateTime utc) => utc.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 / W3C datetime in UTC, for Atom and sitemaps.</summary>
    public static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops control characters that XML 1.0 forbids; XmlWriter would throw on them.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) sb.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) sb.Append(text[i]).Append(text[++i]);
        }
        return sb.ToString();
    }

    public static void Element(this XmlWriter w, string name, string? value) => w.WriteElementString(name, Clean(value));

    public static void Element(this XmlWriter w, string prefix, string name, string ns, string? value) =>
        w.WriteElementString(prefix, name, ns, Clean(value));
}
