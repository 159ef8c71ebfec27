namespace TurbineConsole.Simulator.Web.Access;

/// <summary>Return addresses after sign-in: only paths of this app, so a crafted link cannot send a user elsewhere.</summary>
public static class LocalUrl
{
    /// <summary><paramref name="url"/> when it is a path of this app, otherwise <c>/</c>.</summary>
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";
}
