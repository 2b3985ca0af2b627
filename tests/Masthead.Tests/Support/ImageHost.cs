using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Support;

/// <summary>"Another site" for image imports: a real Kestrel server on a loopback port serving fixed files, noting
/// each path it was asked for (so a test can tell that a refused import never reached it).</summary>
public sealed class ImageHost(WebApplication app, Uri root, ConcurrentQueue<string> requests) : IAsyncDisposable
{
    public IReadOnlyCollection<string> Requests => requests;

    /// <param name="files">Path (e.g. "/photos/dam.png") to content type and bytes; any other path is a 404.</param>
    public static async Task<ImageHost> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Bytes)> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new ConcurrentQueue<string>();
        app.Run(async context =>
        {
            requests.Enqueue(context.Request.Path);
            if (!files.TryGetValue(context.Request.Path, out var file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = file.ContentType;
            await context.Response.Body.WriteAsync(file.Bytes);
        });
        await app.StartAsync();
        return new ImageHost(app, new Uri(app.Urls.First()), requests);
    }

    public string Url(string path) => new Uri(root, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
