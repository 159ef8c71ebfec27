namespace TurbineConsole.Rcf.Tests;

/// <summary>Test classes that share the <see cref="ForestRuns"/> over the data sets.</summary>
[CollectionDefinition(Name)]
public sealed class ForestRunsCollection : ICollectionFixture<ForestRuns>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "Random Cut Forest data-set runs";
}
