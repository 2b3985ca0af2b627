using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Masthead.Delivery.Outbox;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery.Smtp;

/// <summary>Delivery:Concurrency SMTP connections, each opened once and reused for many messages, reopened
/// after a failure. Sockets are created here with NoDelay: with Nagle and delayed ACKs every SMTP round trip
/// stalls ~40 ms (a connection carries ~20 messages/s instead of hundreds). Also applies the global rate
/// and the per-domain concurrency limits.</summary>
public sealed class SmtpPool : IOutboxSender, IAsyncDisposable
{
    private readonly MailOptions _mail;
    private readonly DeliveryOptions _delivery;
    private readonly Channel<Lane> _idle;
    private readonly TokenBucket? _rate;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Lane> _lanes = [];

    public SmtpPool(IOptions<MailOptions> mail, IOptions<DeliveryOptions> delivery, TimeProvider time)
    {
        _mail = mail.Value;
        _delivery = delivery.Value;
        _rate = _delivery.MessagesPerSecond > 0 ? new TokenBucket(_delivery.MessagesPerSecond, time) : null;
        _idle = Channel.CreateUnbounded<Lane>();
        for (var i = 0; i < _delivery.Concurrency; i++)
        {
            var lane = new Lane(_mail);
            _lanes.Add(lane);
            _idle.Writer.TryWrite(lane);
        }
    }

    public async Task<SendResult> SendAsync(MimeMessage message, MailboxAddress from, MailboxAddress to, CancellationToken ct)
    {
        if (_rate is not null) await _rate.WaitAsync(ct);
        var domainGate = DomainGate(to.Domain);
        if (domainGate is not null) await domainGate.WaitAsync(ct);
        try
        {
            var lane = await _idle.Reader.ReadAsync(ct);
            try
            {
                return await lane.SendAsync(message, from, to, ct);
            }
            finally
            {
                _idle.Writer.TryWrite(lane);
            }
        }
        finally
        {
            domainGate?.Release();
        }
    }

    private SemaphoreSlim? DomainGate(string domain) =>
        _delivery.PerDomainConcurrency > 0
            ? _domains.GetOrAdd(domain ?? "", _ => new SemaphoreSlim(_delivery.PerDomainConcurrency, _delivery.PerDomainConcurrency))
            : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes) await lane.CloseAsync();
    }

    /// <summary>One connection; used by one message at a time (the pool hands it out exclusively).</summary>
    private sealed class Lane(MailOptions o)
    {
        private SmtpClient? _client;

        public async Task<SendResult> SendAsync(MimeMessage message, MailboxAddress from, MailboxAddress to, CancellationToken ct)
        {
            try
            {
                var client = await ConnectedAsync(ct);
                await client.SendAsync(message, from, [to], ct);
                return SendResult.Accepted;
            }
            catch (SmtpCommandException e)
            {
                var code = (int)e.StatusCode;
                // The transaction failed (MailKit resets it) but the session may be fine: check it, or start afresh.
                await ResetOrDropAsync(code == 421);
                var error = $"{code} {e.Message}";
                return code is >= 500 and < 600 ? new SendResult(SendStatus.Permanent, error) : new SendResult(SendStatus.Transient, error);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
                                        or AuthenticationException or SslHandshakeException or TimeoutException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await DropAsync();
                return new SendResult(SendStatus.Transient, $"connection: {e.GetType().Name}: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                // The message may or may not have reached the server: the connection is in an unknown state.
                await DropAsync();
                throw;
            }
        }

        private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
        {
            if (_client is { IsConnected: true }) return _client;
            await DropAsync();
            var host = o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not set.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, o.SmtpPort, ct);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            var client = new SmtpClient { Timeout = 60_000 };
            try
            {
                await client.ConnectAsync(socket, host, o.SmtpPort, SecurityFor(o), ct);
                if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            return _client = client;
        }

        private async Task ResetOrDropAsync(bool drop)
        {
            if (!drop && _client is { IsConnected: true })
            {
                try
                {
                    await _client.NoOpAsync();
                    return;
                }
                catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
                {
                }
            }
            await DropAsync();
        }

        private Task DropAsync()
        {
            _client?.Dispose();
            _client = null;
            return Task.CompletedTask;
        }

        public async Task CloseAsync()
        {
            if (_client is { IsConnected: true } c)
            {
                try { await c.DisconnectAsync(true); } catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException) { }
            }
            await DropAsync();
        }

        private static SecureSocketOptions SecurityFor(MailOptions o) => o switch
        {
            { SmtpPort: 465 } => SecureSocketOptions.SslOnConnect,
            { SmtpUseStartTls: true } => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
    }
}
