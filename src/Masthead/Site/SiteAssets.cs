using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Masthead.Site;

/// <summary>URLs of the site's own static assets as pages link them: with the content fingerprint the static
/// assets manifest gives each file (<c>/css/site.3dma3nuvk7.css</c>), so a browser may keep them for a year.
/// Razor Pages get the manifest as endpoint metadata (<c>MapRazorPages().WithStaticAssets()</c>) and the link tag
/// helper resolves from it; this looks the same manifest up once for every page, Razor Slices included.</summary>
public sealed class SiteAssets(EndpointDataSource endpoints, IFileVersionProvider versions)
{
    private const string StylesheetPath = "css/site.css";
    private string? _stylesheet;

    public string Stylesheet => _stylesheet ??= Resolve(StylesheetPath);

    private string Resolve(string path)
    {
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<ResourceAssetCollection>() is { } assets) return "/" + assets[path];
        }
        // No manifest (an app built without static web assets): the tag helper's fallback, a version query.
        return versions.AddFileVersionToPath(PathString.Empty, "/" + path);
    }
}
