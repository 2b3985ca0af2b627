using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Masthead.Accounts;
using Masthead.Content.Media;
using Masthead.Site;
using Masthead.Tests.Briefings;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Security;

/// <summary>Issue 11 point 7: forms and uploads over the limits are the sender's fault. Each answers 400 or 413 with a
/// sentence saying what was wrong, logs one line (never an error), and changes nothing.</summary>
public sealed class BadFormInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string message, LogCapture logs)
    {
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Contains(message, body);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Single(logs.Entries, e => e.Message.StartsWith("Refused ", StringComparison.Ordinal));
    }

    private static List<KeyValuePair<string, string>> Signup(string email, int list, string token) =>
        [new("Email", email), new("Lists", list.ToString(CultureInfo.InvariantCulture)), new("list", "daily-briefing"),
            new("__RequestVerificationToken", token)];

    [Theory, ClassData(typeof(Databases))]
    public async Task AFormWithTooManyFieldsOrATooLongValueIsA400ThatSaysSoAndSubscribesNobody(Db db)
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(db, services: logs.Register);
        var client = app.CreateBrowserClient();
        var token = await client.AntiforgeryTokenAsync("/briefings/subscribe");
        var list = await app.ListIdAsync("daily-briefing");
        var tooMany = Signup("many@example.test", list, token);
        tooMany.AddRange(Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>($"f{i}", "1")));
        var tooLong = Signup("long@example.test", list, token);
        tooLong.Add(new("Name", new string('n', 4 * 1024 * 1024 + 1)));

        // The signup page (antiforgery, model binding) and the embeddable endpoint (reads the form itself).
        foreach (var url in new[] { "/briefings/subscribe", "/briefings/subscribe/embed" })
        {
            foreach (var fields in new[] { tooMany, tooLong })
            {
                logs.Clear();
                var response = await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
                await AssertRefusedAsync(response, HttpStatusCode.BadRequest, BadRequests.FormUnreadable, logs);
            }
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.Subscribers.CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnUploadWhoseFileNameHasARawQuoteIsA400AndStoresNothing(Db db)
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(db, services: logs.Register);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var token = await client.AntiforgeryTokenAsync("/admin/media");
        const string boundary = "masthead-boundary";
        // Written by hand: HttpClient would escape the quote, and the point is what a hand-made request sends.
        var head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"AltText\"\r\n\r\nA map\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"Upload\"; filename=\"ma\"p.png\"\r\nContent-Type: image/png\r\n\r\n");
        var body = head.Concat(TestImages.Png()).Concat(Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n")).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        logs.Clear();

        var response = await client.PostAsync("/admin/media", content, Ct);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, BadRequests.FormUnreadable, logs);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<MediaAsset>().CountAsync(Ct)));
        Assert.Empty(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AChunkedFiftyMegabyteUploadIsA413BeforeItIsAllSent(Db db)
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartOnKestrelAsync(db: db, services: logs.Register);
        var email = "uploader@example.test";
        await app.CreateUserAsync(email, Roles.Editor);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.RootUri };
        var signIn = await client.PostFormAsync("/account/signin?handler=Password", new() { ["Email"] = email, ["Password"] = TestApp.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var token = await client.AntiforgeryTokenAsync("/admin/media");
        logs.Clear();

        const int total = 50 * 1024 * 1024;
        var (status, sent, response) = await ChunkedUploadAsync(app.RootUri, cookies.GetCookieHeader(app.RootUri), token, total);

        Assert.Equal(413, status);
        Assert.True(sent < total, $"the whole body was sent ({sent} bytes) before the answer");
        Assert.Contains(BadRequests.TooLarge, WebUtility.HtmlDecode(response));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Single(logs.Entries, e => e.Message.StartsWith("Refused ", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<MediaAsset>().CountAsync(Ct)));
        Assert.Empty(app.MediaFiles());
    }

    /// <summary>Streams a multipart upload with Transfer-Encoding: chunked (no Content-Length) over a raw socket,
    /// watching for the answer between chunks. Returns its status, the body bytes sent before it came, and its text.</summary>
    private static async Task<(int Status, long Sent, string Response)> ChunkedUploadAsync(Uri root, string cookie, string token, int total)
    {
        // A bound, not a timing assertion: a server that stopped reading without answering fails the test instead of hanging it.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromMinutes(2));
        var ct = bound.Token;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, root.Port, ct);
        const string boundary = "masthead-boundary";
        var start = $"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"AltText\"\r\n\r\nA big map\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"Upload\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST /admin/media HTTP/1.1\r\nHost: 127.0.0.1:{root.Port}\r\nCookie: {cookie}\r\n"
            + $"Content-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n"
            + $"{Encoding.UTF8.GetByteCount(start):x}\r\n{start}\r\n"), ct);
        var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n").Concat(new byte[64 * 1024]).Concat("\r\n"u8.ToArray()).ToArray();
        long sent = 0;
        try
        {
            while (sent < total && !socket.Poll(0, SelectMode.SelectRead))
            {
                await socket.SendAsync(chunk, ct);
                sent += 64 * 1024;
            }
        }
        catch (SocketException)
        {
            // The server stopped reading; its answer is already on the way.
        }
        var received = new StringBuilder();
        var buffer = new byte[64 * 1024];
        for (var reads = 0; reads < 100 && !received.ToString().Contains("</html>"); reads++)
        {
            var n = await socket.ReceiveAsync(buffer, ct);
            if (n == 0) break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        var text = received.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text[9..12], CultureInfo.InvariantCulture) : 0;
        return (status, sent, text);
    }
}
