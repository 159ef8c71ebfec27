using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>The AWS backend cannot start: no region, no credentials, or an endpoint it cannot use. The message says what to set.</summary>
public sealed class AwsConfigurationException(string message, Exception? innerException = null) : PipelineStartException(message, innerException);
