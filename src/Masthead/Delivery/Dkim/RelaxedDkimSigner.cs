using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Masthead.Delivery.Dkim;

/// <summary>DKIM-Signature (RFC 6376), rsa-sha256 with relaxed/relaxed canonicalisation, computed in one pass over
/// the exact bytes MimeKit will write. We sign here rather than with MimeKit's DkimSigner because its filter chain
/// (written for any input) cost about 0.9 ms per 30 KB message on top of the RSA signature, which made signing,
/// not sending, the bound of a bulk send. MimeKit's DkimVerifier checks what this produces (see the delivery tests).</summary>
internal sealed class RelaxedDkimSigner(RSA rsa, string domain, string selector, TimeProvider time)
{
    private static readonly FormatOptions Format = CreateFormat();
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t"u8);
    [ThreadStatic] private static MemoryStream? t_body;

    /// <summary>Signs the named headers that occur exactly once (in the message or its top-level entity) and the body,
    /// then puts the DKIM-Signature header first.</summary>
    public void Sign(MimeMessage message, IReadOnlyList<string> headerNames)
    {
        var signed = new List<Header>(headerNames.Count);
        foreach (var name in headerNames)
        {
            if (Single(message.Headers, name) is { } h) signed.Add(h);
            else if (message.Body is not null && Single(message.Body.Headers, name) is { } bodyHeader) signed.Add(bodyHeader);
        }

        var bodyHash = BodyHash(message.Body);
        var value = new StringBuilder(600)
            .Append(" v=1; a=rsa-sha256; c=relaxed/relaxed; d=").Append(domain).Append("; s=").Append(selector)
            .Append("; t=").Append(time.GetUtcNow().ToUnixTimeSeconds()).Append(";\r\n\th=")
            .AppendJoin(':', signed.Select(h => h.Field.ToLowerInvariant())).Append(";\r\n\tbh=")
            .Append(Convert.ToBase64String(bodyHash)).Append(";\r\n\tb=")
            .ToString();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(2048);
        try
        {
            foreach (var h in signed) AppendHeader(hash, h.Field, h.RawValue, ref buffer, crlf: true);
            // The signature header itself, with an empty b= and no final CRLF (RFC 6376 §3.7).
            AppendHeader(hash, "DKIM-Signature", Encoding.ASCII.GetBytes(value), ref buffer, crlf: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var signature = rsa.SignHash(hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var header = new Header("DKIM-Signature", "");
        header.SetRawValue(Encoding.ASCII.GetBytes(value + Fold(Convert.ToBase64String(signature)) + "\r\n"));
        message.Headers.Insert(0, header);
    }

    private static Header? Single(HeaderList headers, string name)
    {
        Header? found = null;
        foreach (var h in headers)
        {
            if (!h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null) return null;
            found = h;
        }
        return found;
    }

    /// <summary>Whitespace inside b= is ignored by verifiers; folding keeps header lines short.</summary>
    private static string Fold(string base64)
    {
        var sb = new StringBuilder(base64.Length + base64.Length / 64 * 3);
        for (var i = 0; i < base64.Length; i += 64)
        {
            if (i > 0) sb.Append("\r\n\t ");
            sb.Append(base64, i, Math.Min(64, base64.Length - i));
        }
        return sb.ToString();
    }

    /// <summary>Relaxed header canonicalisation: lower-case name, colon, value unfolded with runs of whitespace
    /// reduced to one space and none at either end.</summary>
    private static void AppendHeader(IncrementalHash hash, string field, byte[] raw, ref byte[] buffer, bool crlf)
    {
        var needed = field.Length + raw.Length + 3;
        if (buffer.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        var n = 0;
        foreach (var c in field) buffer[n++] = (byte)char.ToLowerInvariant(c);
        buffer[n++] = (byte)':';
        var pendingSpace = false;
        var any = false;
        foreach (var b in raw)
        {
            if (b is (byte)'\r' or (byte)'\n') continue;
            if (b is (byte)' ' or (byte)'\t')
            {
                pendingSpace = any;
                continue;
            }
            if (pendingSpace) buffer[n++] = (byte)' ';
            pendingSpace = false;
            any = true;
            buffer[n++] = b;
        }
        if (crlf)
        {
            buffer[n++] = (byte)'\r';
            buffer[n++] = (byte)'\n';
        }
        hash.AppendData(buffer, 0, n);
    }

    /// <summary>SHA-256 of the relaxed canonical body: the top-level entity's content as MimeKit writes it (CRLF line
    /// endings), each line without trailing whitespace and with inner runs reduced to one space, trailing empty lines
    /// removed, ending in CRLF unless empty.</summary>
    private static byte[] BodyHash(MimeEntity? body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (body is null) return hash.GetHashAndReset();
        // Signing is synchronous (the content is in memory), so one buffer per thread can be reused.
        var written = t_body ??= new MemoryStream(64 * 1024);
        written.SetLength(0);
        body.WriteTo(Format, written, contentOnly: true);
        var canonical = new RelaxedBody(hash);
        canonical.Append(written.GetBuffer().AsSpan(0, (int)written.Length));
        if (written.Capacity > 1024 * 1024) t_body = null;
        canonical.Finish();
        return hash.GetHashAndReset();
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    /// <summary>Streams the canonical body into the hash. Lines that canonicalisation leaves as they are (no tab, no
    /// double space, no trailing space: nearly every line of quoted-printable text) are hashed straight from the
    /// written bytes, in as long runs as possible; only the others are rewritten. Empty lines are held back until
    /// a non-empty line follows, so that trailing ones are dropped.</summary>
    private sealed class RelaxedBody(IncrementalHash hash)
    {
        private byte[] _line = new byte[1024];
        private int _heldEmptyLines;

        public void Append(ReadOnlySpan<byte> data)
        {
            var verbatimFrom = 0;
            var at = 0;
            while (at < data.Length)
            {
                var rest = data[at..];
                var eol = rest.IndexOf("\r\n"u8);
                var line = eol < 0 ? rest : rest[..eol];
                var next = eol < 0 ? data.Length : at + eol + 2;
                if (IsBlank(line))
                {
                    hash.AppendData(data[verbatimFrom..at]);
                    _heldEmptyLines++;
                    verbatimFrom = next;
                }
                else if (_heldEmptyLines > 0 || eol < 0 || !IsCanonical(line))
                {
                    hash.AppendData(data[verbatimFrom..at]);
                    ReleaseHeldLines();
                    Canonicalise(line);
                    verbatimFrom = next;
                }
                at = next;
            }
            hash.AppendData(data[verbatimFrom..]);
        }

        /// <summary>Trailing empty lines are simply never released.</summary>
        public void Finish() { }

        private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(Whitespace) < 0;

        private static bool IsCanonical(ReadOnlySpan<byte> line) =>
            line[^1] != (byte)' ' && line.IndexOf((byte)'\t') < 0 && line.IndexOf("  "u8) < 0;

        private void ReleaseHeldLines()
        {
            for (; _heldEmptyLines > 0; _heldEmptyLines--) hash.AppendData("\r\n"u8);
        }

        /// <summary>Runs of whitespace become one space, whitespace at the end goes, and the line ends in CRLF.</summary>
        private void Canonicalise(ReadOnlySpan<byte> line)
        {
            if (_line.Length < line.Length + 2) _line = new byte[line.Length + 2];
            var n = 0;
            var pendingSpace = false;
            foreach (var b in line)
            {
                if (b is (byte)' ' or (byte)'\t')
                {
                    pendingSpace = true;
                    continue;
                }
                if (pendingSpace) _line[n++] = (byte)' ';
                pendingSpace = false;
                _line[n++] = b;
            }
            _line[n++] = (byte)'\r';
            _line[n++] = (byte)'\n';
            hash.AppendData(_line, 0, n);
        }
    }
}
