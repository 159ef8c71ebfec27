using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>Checks the <c>Pipeline:Aws</c> settings when something uses them: the AWS backend or the SNS alert channel.</summary>
internal sealed class AwsSettingsValidator(IOptions<PipelineOptions> pipeline, IOptions<SnsChannelOptions> sns) : IValidateOptions<AwsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AwsOptions options) =>
        pipeline.Value.Backend == BackendKind.Aws || sns.Value.Enabled ? new AwsOptionsValidator().Validate(name, options) : ValidateOptionsResult.Skip;
}
