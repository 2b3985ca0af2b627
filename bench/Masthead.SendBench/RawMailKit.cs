using System.Diagnostics;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Masthead.SendBench;

/// <summary>The baseline: MailKit alone sending one pre-rendered, unsigned message over the same number of
/// no-delay connections to the same sink. What the outbox adds (claims, rendering, signing, recording) is
/// the difference.</summary>
internal static class RawMailKit
{
    public static async Task<TimeSpan> RunAsync(MimeMessage sample, int port, int connections, int count)
    {
        // MailKit prepares (mutates) a message while sending it: one copy per connection.
        var bytes = new MemoryStream();
        sample.Prepare(EncodingConstraint.SevenBit);
        await sample.WriteToAsync(bytes);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var message = await MimeMessage.LoadAsync(new MemoryStream(bytes.ToArray()));
            var from = message.From.Mailboxes.First();
            using var client = new SmtpClient();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", port);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await client.SendAsync(message, from, [new MailboxAddress("", $"raw{i}@example{i % 50}.test")]);
            }
            await client.DisconnectAsync(true);
        }));
        return clock.Elapsed;
    }
}
