namespace TurbineConsole.Tests.Web.Support;

/// <summary>Tests that run the whole app with a browser or a load: one at a time, so they do not slow each other down.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Whole app";
}
