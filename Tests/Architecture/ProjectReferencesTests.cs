using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Architecture;

/// <summary>
/// The house plan, checked on what was built: which assembly may use which. The build refuses a forbidden package in
/// the core or the forest library (Directory.Build.targets); these tests check the compiled references and that the
/// rule itself has not been weakened.
/// </summary>
public class ProjectReferencesTests
{
    /// <summary>Libraries only an adapter may use.</summary>
    private static readonly string[] s_adapterLibraries = ["AWSSDK.Core", "AWSSDK.DynamoDBv2", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "MailKit", "MimeKit"];

    private static Assembly Core => typeof(Pipeline.Runtime.TurbinePipeline).Assembly;

    private static string[] ReferencedNames(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    [Fact]
    public void The_core_uses_no_adapter_library_and_no_adapter()
    {
        var references = ReferencedNames(Core);

        Assert.DoesNotContain(references, r => s_adapterLibraries.Contains(r) || r.StartsWith("AWSSDK", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("TurbineConsole.Pipeline.", StringComparison.Ordinal));
        Assert.Contains("TurbineConsole.Rcf", references);
        Assert.DoesNotContain(references, r => r.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public void The_forest_library_uses_nothing_but_dotnet()
    {
        var references = ReferencedNames(typeof(Rcf.RandomCutForest).Assembly);

        Assert.All(references, r => Assert.True(r is "System" or "netstandard" || r.StartsWith("System.", StringComparison.Ordinal), $"TurbineConsole.Rcf references {r}"));
    }

    [Theory]
    [InlineData(typeof(Pipeline.Embedded.EmbeddedBackend), "TurbineConsole.Pipeline.Aws", "TurbineConsole.Pipeline.Email", "TurbineConsole.Pipeline.Hosting")]
    [InlineData(typeof(Pipeline.Aws.AwsBackend), "TurbineConsole.Pipeline.Embedded", "TurbineConsole.Pipeline.Email", "TurbineConsole.Pipeline.Hosting")]
    [InlineData(typeof(Pipeline.Email.SmtpAlertChannel), "TurbineConsole.Pipeline.Embedded", "TurbineConsole.Pipeline.Aws", "TurbineConsole.Pipeline.Hosting")]
    [InlineData(typeof(Pipeline.Cluster.ShardPlacement), "TurbineConsole.Pipeline.Embedded", "TurbineConsole.Pipeline.Aws", "TurbineConsole.Pipeline.Email", "TurbineConsole.Pipeline.Hosting")]
    public void An_adapter_knows_the_core_and_its_own_library_only(Type adapterType, params string[] forbidden)
    {
        var references = ReferencedNames(adapterType.Assembly);

        Assert.Contains("TurbineConsole.Pipeline", references);
        Assert.Empty(references.Intersect(forbidden));
    }

    [Fact]
    public void The_build_rule_of_the_core_forbids_the_adapter_libraries_and_allows_the_forest()
    {
        var rule = new Regex(ForbiddenReferences("Pipeline/Core/Pipeline.Core.csproj"));

        Assert.All([.. s_adapterLibraries, "AWSSDK.Kinesis", "TurbineConsole.Pipeline.Embedded", "TurbineConsole.Pipeline.Cluster", "OpenTelemetry", "OpenTelemetry.Exporter.Prometheus.AspNetCore",
            "Microsoft.Orleans.Server", "StackExchange.Redis"], name => Assert.Matches(rule, name));
        Assert.DoesNotMatch(rule, "TurbineConsole.Rcf");
        Assert.DoesNotMatch(rule, "Polly");
    }

    [Fact]
    public void The_build_rule_of_the_forest_library_forbids_every_package()
    {
        var rule = new Regex(ForbiddenReferences("Rcf/Rcf.csproj"));

        Assert.All(["TurbineConsole.Pipeline", "Polly", "Microsoft.Extensions.Logging.Abstractions"], name => Assert.Matches(rule, name));
    }

    /// <summary>The ForbiddenReferences rule (Directory.Build.targets) of a project file.</summary>
    private static string ForbiddenReferences(string project) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, project)).Descendants("ForbiddenReferences").Single().Value;
}
