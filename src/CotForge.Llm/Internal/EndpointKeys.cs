namespace CotForge.Llm;

/// <summary>Turns base URLs into something safe to record and to key shared resources by.</summary>
internal static class EndpointKeys
{
    /// <summary>
    /// Drops user info, query and fragment (where credentials hide in URLs such as <c>https://user:key@host</c> or
    /// <c>?api-key=...</c>) and a trailing slash. Unparseable text is returned as a fixed placeholder, not echoed.
    /// </summary>
    public static string? SanitizeUrl(string? url)
    {
        if (url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "<invalid url>";
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
        return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
