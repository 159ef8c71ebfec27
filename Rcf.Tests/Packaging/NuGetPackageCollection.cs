namespace TurbineConsole.Rcf.Tests.Packaging;

/// <summary>
/// The package test packs, restores, builds and runs a separate app: it runs on its own, after the other test
/// classes, so that its time does not depend on the forest runs sharing the cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NuGetPackageCollection
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "NuGet package";
}
