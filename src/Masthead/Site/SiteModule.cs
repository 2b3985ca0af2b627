using Masthead.Admin;
using Masthead.Data;
using Masthead.Site.Images;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Masthead.Site;

public static class SiteModule
{
    /// <summary>Output-cache tag evicted whenever published content changes.</summary>
    public const string ContentCacheTag = "content";

    /// <summary>Output-cache policy for anonymous reader pages, feeds and sitemaps.</summary>
    public const string PublicCachePolicy = "Public";

    /// <summary>Wraps whichever output-cache store is registered so that evicting content also clears the memo.</summary>
    private static void DecorateOutputCacheStore(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(sp =>
        {
            var inner = registered.ImplementationInstance as IOutputCacheStore
                ?? registered.ImplementationFactory?.Invoke(sp) as IOutputCacheStore
                ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return new ContentEvictingStore(inner, sp.GetRequiredService<ContentMemo>());
        });
    }

    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => o.KnownProxies.All(p => ForwardedFrom.TryParse(p, out _)),
                "Site:KnownProxies: each entry must be an IP address (10.0.0.5) or a network (10.0.0.0/8).")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SiteOptions>>((o, site) => ForwardedFrom.Configure(o, site.Value));
        SiteBaseUrl.Configure(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/");
        // Razor escapes everything outside Basic Latin by default, which turns an Arabic or Hebrew page
        // into numeric entities several times its size. HTML-sensitive characters are still escaped.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddOutputCache();
        builder.Services.AddSingleton<ContentMemo>();
        builder.Services.AddSingleton<SignedOutRequests>();
        DecorateOutputCacheStore(builder.Services);
        // The "Public" policy builds on the default one, which never caches a response that sets a cookie,
        // and adds that only a request which cannot be signed in is looked up or stored, and that nothing
        // rendered for a signed-in reader is stored (the cache runs before authentication, see UseSite): a
        // reader is never served someone else's view. The duration comes from Site:OutputCacheSeconds (0 = off).
        builder.Services.AddSingleton<SignedOutOnlyCachePolicy>();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<SiteOptions>>((o, site) =>
        {
            var seconds = site.Value.OutputCacheSeconds;
            o.AddPolicy(PublicCachePolicy, p =>
            {
                if (seconds > 0) p.Expire(TimeSpan.FromSeconds(seconds)).Tag(ContentCacheTag).AddPolicy<SignedOutOnlyCachePolicy>();
                else p.NoCache();
            });
        });
        builder.Services.AddScoped<SiteNavigation>();
        builder.Services.AddSingleton<SiteAssets>();
        builder.Services.AddSingleton<BrandImages>();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/rss+xml", "application/atom+xml", "image/svg+xml", "application/ld+json"]);
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddSingleton<Microsoft.AspNetCore.Diagnostics.IDeveloperPageExceptionFilter, SecretHeadersRedaction>();
        builder.AddBadRequestHandling();
        return builder;
    }

    public static WebApplication UseSite(this WebApplication app)
    {
        SiteBaseUrl.Announce(app);
        // First: everything after sees the client's address and scheme, not the proxy's.
        app.UseForwardedHeaders();
        // Only on HTTPS requests and never for localhost (the middleware's own rules); Development serves plain HTTP.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                // Bad input is answered 400/413 and logged in one line by BadRequests, not as an unhandled error.
                SuppressDiagnosticsCallback = c => BadRequests.IsBadRequest(c.Exception),
            });
        }
        else
        {
            app.UseDeveloperExceptionPage();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseResponseCompression();

        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(storage.MediaDirectory);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/media",
            FileProvider = new PhysicalFileProvider(storage.MediaDirectory),
            // Media file names carry a content hash, so a name never changes meaning.
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                if (ctx.File.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                {
                    ctx.Context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
                }
            },
        });

        app.UseRouting();
        // The output cache answers before authentication: the "Public" policy looks up and stores only requests
        // that cannot be signed in (SignedOutRequests), and the reader-view policy authenticates a signed-in
        // request itself, once. So a cached page skips authorization, antiforgery and, for a signed-out
        // reader, the cookie handler: a third of a cache hit's cost. Everything else still passes them all.
        app.UseOutputCache();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Builds the descriptors of every Razor page (a model of each page's handlers and bound properties,
    /// about a quarter of a second of CPU for the site's pages) on a thread of its own, so that it overlaps the
    /// database checks instead of following them. MapSite then finds them made; the provider builds them once,
    /// under its own lock, whoever asks first.</summary>
    public static Task DescribePagesAsync(this WebApplication app) =>
        Task.Run(() => app.Services.GetRequiredService<Microsoft.AspNetCore.Mvc.Infrastructure.IActionDescriptorCollectionProvider>().ActionDescriptors);

    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapBrandImages();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (ctx, report) =>
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        }).DisableHttpMetrics();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(MastheadDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}

/// <summary>Headers on every response, including errors and static files.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            if (!h.ContainsKey("X-Frame-Options")) h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!h.ContainsKey("Content-Security-Policy")) h.ContentSecurityPolicy = Csp;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
