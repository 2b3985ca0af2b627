using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Media;

/// <summary>Copies an image from another site into the media library, so an article can show it under the site's
/// Content-Security-Policy (img-src 'self'). The fetch is the server's, on an editor's say-so: it connects only to
/// public addresses (checked on every connection, redirects included, after DNS resolved the name, so a name that
/// resolves to an inside address is refused too), through no proxy, within a time limit, reading no more than
/// Media:MaxBytes, and keeps the body only if it says it is an image and its bytes are one.</summary>
public sealed class ImageImporter(IHttpClientFactory clients, MediaStore store)
{
    public const string HttpClientName = "media-import";
    public const string NotPublicMessage =
        "That address is not on the public internet, so it was not fetched: only images on public sites can be imported.";

    public async Task<MediaUploadResult> ImportAsync(string url, string? altText, string? importedBy, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return new(null, "Only http and https addresses can be imported.");
        if (!string.IsNullOrEmpty(uri.UserInfo)) return new(null, "Addresses with a user name or password cannot be imported.");

        var client = clients.CreateClient(HttpClientName);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("image/png, image/jpeg, image/gif, image/webp");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return new(null, $"The other site answered {(int)response.StatusCode} {response.ReasonPhrase}: nothing was imported.");
            if (response.Content.Headers.ContentType?.MediaType is not { } type || !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                return new(null, "The address does not serve an image, so nothing was imported.");
            if (response.Content.Headers.ContentLength > store.MaxBytes) return new(null, store.TooLargeMessage);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var bytes = await store.ReadAtMostAsync(body, ct);
            if (bytes is null) return new(null, store.TooLargeMessage);
            var name = Path.GetFileName(Uri.UnescapeDataString(response.RequestMessage?.RequestUri?.AbsolutePath ?? uri.AbsolutePath));
            return await store.SaveAsync(bytes, name.Length > 0 ? name : uri.Host, altText, importedBy, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is NotPublicAddressException)
        {
            return new(null, NotPublicMessage);
        }
        catch (HttpRequestException)
        {
            return new(null, "The other site could not be reached, so nothing was imported.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(null, "The other site took too long to answer, so nothing was imported.");
        }
    }

    /// <summary>The handler behind the import client: every connection goes through <see cref="ConnectAsync"/>.</summary>
    internal static SocketsHttpHandler CreateHandler(ImageImportOptions options) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        ConnectTimeout = options.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, options.AllowLoopbackForTests, ct),
    };

    /// <summary>Resolves the name once and connects to an address that passed the check, so the address checked is
    /// the address used (a second lookup could answer differently).</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => PublicAddresses.IsPublic(a) || allowLoopback && IPAddress.IsLoopback(a)).ToArray();
        if (allowed.Length == 0) throw new NotPublicAddressException();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class NotPublicAddressException() : Exception(NotPublicMessage);
}

internal static class ImageImportModule
{
    public static IServiceCollection AddImageImport(this IServiceCollection services)
    {
        services.AddHttpClient(ImageImporter.HttpClientName, (sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptions<MediaOptions>>().Value.Import.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Masthead-media-import/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => ImageImporter.CreateHandler(sp.GetRequiredService<IOptions<MediaOptions>>().Value.Import));
        return services.AddScoped<ImageImporter>();
    }
}
