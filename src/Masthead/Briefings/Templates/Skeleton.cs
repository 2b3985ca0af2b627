using Masthead.Delivery;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace Masthead.Briefings.Templates;

/// <summary>A rendered template cut at its personal fields: segments[0] slot segments[1] slot … segments[n].
/// Rendering for one recipient is a single StringBuilder pass, with the personal values encoded for
/// HTML when the part is HTML. This is what keeps a million recipients cheap: Fluid runs once per edition.</summary>
public sealed class Skeleton
{
    private readonly string[] _segments;
    private readonly int[] _slots;
    private readonly bool _html;
    private readonly int _fixedLength;
    private byte[][]? _encodedSegments;

    private Skeleton(string[] segments, int[] slots, bool html)
    {
        _segments = segments;
        _slots = slots;
        _html = html;
        _fixedLength = segments.Sum(s => s.Length);
    }

    /// <summary>Placeholder values: letters and digits only, so no encoder changes them; random per
    /// process, so no article text can contain one by accident.</summary>
    private static readonly string Marker = "MHSLOT" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));

    public static Personal Placeholders { get; } = new(Slot(0), Slot(1), Slot(3), Slot(4), Slot(5));

    private static string Slot(int index) => $"{Marker}{index}Z";

    /// <summary>Greeting is computed from the name, so its placeholder is produced by rendering: the
    /// <see cref="Personal.Greeting"/> of <see cref="Placeholders"/> becomes "Dear {name slot},". We look
    /// for that exact text and map it to slot 2.</summary>
    public static Skeleton Parse(string rendered, bool html)
    {
        var greeting = Placeholders.Greeting;
        var encodedGreeting = html ? HtmlEncoder.Default.Encode(greeting) : greeting;
        var segments = new List<string>();
        var slots = new List<int>();
        var start = 0;
        while (true)
        {
            var greetingAt = rendered.IndexOf(encodedGreeting, start, StringComparison.Ordinal);
            var slotAt = rendered.IndexOf(Marker, start, StringComparison.Ordinal);
            if (greetingAt < 0 && slotAt < 0) break;
            if (greetingAt >= 0 && greetingAt <= slotAt)
            {
                segments.Add(rendered[start..greetingAt]);
                slots.Add(2);
                start = greetingAt + encodedGreeting.Length;
                continue;
            }
            segments.Add(rendered[start..slotAt]);
            var digit = rendered[slotAt + Marker.Length] - '0';
            // Placeholders map name→0, email→1, preferences→3, unsubscribe→4, unsubscribe_all→5.
            slots.Add(digit);
            start = slotAt + Marker.Length + 2;
        }
        segments.Add(rendered[start..]);
        return new Skeleton([.. segments], [.. slots], html);
    }

    public string Fill(Personal personal)
    {
        var values = Values(personal, out var extra);
        var sb = new StringBuilder(_fixedLength + extra);
        for (var i = 0; i < _slots.Length; i++)
        {
            sb.Append(_segments[i]).Append(values[_slots[i]]);
        }
        return sb.Append(_segments[^1]).ToString();
    }

    /// <summary>The same text as <see cref="Fill"/>, quoted-printable encoded: the fixed segments were encoded once
    /// for the whole edition, so per recipient only the personal values are encoded, and the pieces are joined with
    /// soft line breaks (which decode to nothing).</summary>
    public byte[] FillQuotedPrintable(Personal personal)
    {
        var segments = _encodedSegments ??= _segments.Select(EncodedText.QuotedPrintable).ToArray();
        var text = Values(personal, out _);
        var values = new byte[Personal.SlotCount][];
        var soft = EncodedText.SoftBreak.Length;
        var length = segments[^1].Length;
        for (var i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            values[slot] ??= EncodedText.QuotedPrintable(text[slot]);
            length += segments[i].Length + soft + values[slot].Length + soft;
        }
        var output = new byte[length];
        var at = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            segments[i].CopyTo(output, at);
            at += segments[i].Length;
            EncodedText.SoftBreak.CopyTo(output.AsSpan(at));
            at += soft;
            var value = values[_slots[i]];
            value.CopyTo(output, at);
            at += value.Length;
            EncodedText.SoftBreak.CopyTo(output.AsSpan(at));
            at += soft;
        }
        segments[^1].CopyTo(output, at);
        return output;
    }

    private string[] Values(Personal personal, out int extra)
    {
        var values = new string[Personal.SlotCount];
        extra = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            if (values[slot] is null)
            {
                var raw = personal[slot];
                values[slot] = _html ? HtmlEncoder.Default.Encode(raw) : raw;
            }
            extra += values[slot].Length;
        }
        return values;
    }
}
