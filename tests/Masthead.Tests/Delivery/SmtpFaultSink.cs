using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Masthead.Tests.Delivery;

/// <summary>What the sink does with one delivery attempt.</summary>
internal enum SinkFault { None, Reply421, Reply451, Reply550, DropMidData }

/// <summary>A real SMTP server (the SmtpServer package) on a loopback port, with TCP no-delay on its sockets
/// (without it each message stalls ~40 ms on Nagle + delayed ACK), that can inject faults per recipient and
/// attempt: 4xx and 5xx replies to DATA, or the connection cut after the message body arrived. It counts
/// attempts and accepted deliveries per recipient. Shared with bench/Masthead.SendBench.</summary>
internal sealed class SmtpFaultSink : IAsyncDisposable
{
    private const string SocketKey = "masthead:socket";
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public int Port { get; }
    /// <summary>Decides the fault for (recipient, attempt number starting at 1).</summary>
    public Func<string, int, SinkFault> Faults { get; set; } = (_, _) => SinkFault.None;
    /// <summary>Keep parsed messages (off for large runs).</summary>
    public bool KeepMessages { get; init; } = true;
    /// <summary>Count attempts and deliveries per recipient (off for a million-recipient benchmark).</summary>
    public bool TrackRecipients { get; set; } = true;
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public ConcurrentDictionary<string, int> Attempts { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentDictionary<string, int> Delivered { get; } = new(StringComparer.OrdinalIgnoreCase);
    private long _deliveredTotal;
    public long DeliveredTotal => Interlocked.Read(ref _deliveredTotal);

    private SmtpFaultSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .MaxMessageSize(10 * 1024 * 1024)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).SessionTimeout(TimeSpan.FromMinutes(2)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public static SmtpFaultSink Start(bool keepMessages = true)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpFaultSink(port) { KeepMessages = keepMessages };
    }

    public int DeliveredTo(string address) => Delivered.GetValueOrDefault(address);
    public int AttemptsTo(string address) => Attempts.GetValueOrDefault(address);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(SmtpFaultSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            var to = transaction.To.Count > 0 ? $"{transaction.To[0].User}@{transaction.To[0].Host}" : "";
            var attempt = sink.TrackRecipients ? sink.Attempts.AddOrUpdate(to, 1, (_, n) => n + 1) : 1;
            switch (sink.Faults(to, attempt))
            {
                case SinkFault.Reply421: return new SmtpResponse((SmtpReplyCode)421, "try again later");
                case SinkFault.Reply451: return new SmtpResponse((SmtpReplyCode)451, "local error, try again");
                case SinkFault.Reply550: return new SmtpResponse((SmtpReplyCode)550, "no such mailbox");
                case SinkFault.DropMidData:
                    // The body arrived but no reply ever will: the client cannot know whether it was accepted.
                    if (context.Properties.TryGetValue(SocketKey, out var s) && s is Socket socket)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close();
                    }
                    throw new IOException("connection dropped by the test");
            }
            if (sink.KeepMessages)
            {
                using var stream = new MemoryStream(buffer.ToArray());
                sink.Received.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            }
            if (sink.TrackRecipients) sink.Delivered.AddOrUpdate(to, 1, (_, n) => n + 1);
            Interlocked.Increment(ref sink._deliveredTotal);
            return SmtpResponse.Ok;
        }
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpoint)
        {
            var listener = new TcpListener(endpoint.Endpoint);
            listener.Start();
            return new Listener(listener);
        }
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken ct)
        {
            var client = await listener.AcceptTcpClientAsync(ct);
            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
            context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
            context.Properties[SocketKey] = client.Client;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>The library's own pipe type is internal; this one has no TLS (loopback tests only).</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();
        private PipeReader? _input;
        private PipeWriter? _output;

        public PipeReader Input => _input ??= PipeReader.Create(_stream);
        public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken ct) =>
            throw new NotSupportedException("The test sink has no TLS.");

        public void Dispose()
        {
            _input?.Complete();
            _output?.Complete();
            client.Dispose();
        }
    }
}
