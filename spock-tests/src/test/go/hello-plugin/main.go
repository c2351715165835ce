// A scafctl provider plugin built on hashicorp/go-plugin, the way plugins for the Go scafctl are
// built. The host tests load it to prove interop; its inputs also let them make it misbehave.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "scafctl.test/pluginpb"
)

// The tests rename the provider to provoke name clashes.
var providerName = nameFromEnv()

func nameFromEnv() string {
	if n := os.Getenv("GO_HELLO_PROVIDER_NAME"); n != "" {
		return n
	}
	return "go-hello"
}

// The original stderr: go-plugin swaps os.Stderr for a pipe once it serves.
var logger = hclog.New(&hclog.LoggerOptions{Name: "go-hello", Output: os.Stderr, JSONFormat: true, Level: hclog.Info})

type providerServer struct {
	pb.UnimplementedPluginServiceServer
	configured int32
	// the last ConfigureProvider request, for echo_request
	configuration atomic.Value
}

func (s *providerServer) GetProviders(ctx context.Context, _ *pb.GetProvidersRequest) (*pb.GetProvidersResponse, error) {
	return &pb.GetProvidersResponse{ProviderNames: []string{providerName}}, nil
}

func (s *providerServer) GetProviderDescriptor(ctx context.Context, req *pb.GetProviderDescriptorRequest) (*pb.GetProviderDescriptorResponse, error) {
	if req.ProviderName != providerName {
		return nil, fmt.Errorf("unknown provider %q", req.ProviderName)
	}
	return &pb.GetProviderDescriptorResponse{ProviderDescriptor: describe(os.Getenv("GO_HELLO_BREAK"))}, nil
}

// describe returns a descriptor the Go scafctl registers, or with GO_HELLO_BREAK set, one that
// breaks one of its rules (pkg/provider/registry.go, pkg/provider/provider.go) on purpose.
func describe(breaks string) *pb.ProviderDescriptor {
	param := func(t, d string, required bool) *pb.Parameter {
		return &pb.Parameter{Type: t, Description: d, Required: required}
	}
	d := &pb.ProviderDescriptor{
		Name:         providerName,
		DisplayName:  "Go hello",
		Description:  "Greets; written in Go on go-plugin",
		Version:      "1.0.0",
		ApiVersion:   "v1",
		Capabilities: []string{"from"},
		Schema: &pb.Schema{Parameters: map[string]*pb.Parameter{
			"name":         param("string", "who to greet", true),
			"fail":         param("string", "fail with this message", false),
			"crash":        param("integer", "exit the process with this code mid-call", false),
			"sleep_ms":     param("integer", "wait this long before answering", false),
			"token":        param("string", "a credential; careless on purpose: logged, echoed and put into errors", false),
			"echo_request": param("boolean", "add the request and configuration the plugin received to the value", false),
		}},
		OutputSchemas: map[string]*pb.Schema{"from": {Parameters: map[string]*pb.Parameter{
			"greeting": param("string", "the greeting", true),
		}}},
		SensitiveFields: []string{"token"},
	}
	switch breaks {
	case "description":
		d.Description = ""
	case "version":
		d.Version = "one.two"
	case "api-version":
		d.ApiVersion = ""
	case "no-capability":
		d.Capabilities = nil
	case "capability":
		d.Capabilities = []string{"from", "fetch"}
	case "input-type":
		d.Schema.Parameters["crash"].Type = "int"
	case "output-schemas":
		d.OutputSchemas = nil
	case "action":
		// the raw JSON Schemas win over the structured ones, as in the Go host
		d.Capabilities = []string{"from", "action"}
		d.RawOutputSchemas = map[string][]byte{
			"from":   []byte(`{"type":"object"}`),
			"action": []byte(`{"type":"object","properties":{"success":{"type":"string"}}}`),
		}
	case "validation":
		d.Capabilities = []string{"from", "validation", "transform"}
		d.OutputSchemas["validation"] = &pb.Schema{}
	}
	return d
}

func (s *providerServer) ConfigureProvider(ctx context.Context, req *pb.ConfigureProviderRequest) (*pb.ConfigureProviderResponse, error) {
	atomic.StoreInt32(&s.configured, req.ProtocolVersion)
	s.configuration.Store(req)
	return &pb.ConfigureProviderResponse{ProtocolVersion: 2}, nil
}

// Inputs arrive as JSON; from the command line (-i crash=3) numbers come as strings.
type inputs struct {
	Name    string      `json:"name"`
	Fail    string      `json:"fail"`
	Crash   json.Number `json:"crash"`
	SleepMs json.Number `json:"sleep_ms"`
	Token   string      `json:"token"`
	// true, or "true" from the command line
	EchoRequest json.RawMessage `json:"echo_request"`
	// After the first stdout chunk, wait (up to 10 s) for the host to create this file: it can
	// only do so if it received the chunk while the call was still running.
	WaitForFile string `json:"wait_for_file"`
}

func number(n json.Number) int {
	i, _ := strconv.Atoi(strings.Trim(string(n), `"`))
	return i
}

func (s *providerServer) run(req *pb.ExecuteProviderRequest, streamed bool, extra map[string]interface{}) *pb.ExecuteProviderResponse {
	var in inputs
	if err := json.Unmarshal(req.Input, &in); err != nil {
		return &pb.ExecuteProviderResponse{Error: "inputs are not JSON: " + err.Error()}
	}
	logger.Info("running", "name", in.Name)
	if in.Token != "" {
		// a plugin that leaks its secret everywhere, so the host's redaction is what is tested
		logger.Info("authenticating", "token", in.Token)
	}
	if ms := number(in.SleepMs); ms > 0 {
		time.Sleep(time.Duration(ms) * time.Millisecond)
	}
	if code := number(in.Crash); code != 0 {
		logger.Error("crashing on purpose", "code", code)
		os.Exit(code)
	}
	if in.Fail != "" {
		return &pb.ExecuteProviderResponse{Error: in.Fail, ExitCode: 1}
	}
	value := map[string]interface{}{
		"greeting":   "hello, " + in.Name,
		"configured": atomic.LoadInt32(&s.configured),
		"streamed":   streamed,
	}
	for k, v := range extra {
		value[k] = v
	}
	if e := string(in.EchoRequest); e == "true" || e == `"true"` {
		value["request"] = requestFields(req)
		if c, ok := s.configuration.Load().(*pb.ConfigureProviderRequest); ok {
			value["configuration"] = configurationFields(c)
		}
	}
	warnings := []string{"greeted from Go"}
	if in.Token != "" {
		warnings = append(warnings, "token "+in.Token+" expires soon")
	}
	out, _ := json.Marshal(map[string]interface{}{
		"data": value,
		"warnings": warnings,
	})
	return &pb.ExecuteProviderResponse{Output: out}
}

func (s *providerServer) ExecuteProvider(ctx context.Context, req *pb.ExecuteProviderRequest) (*pb.ExecuteProviderResponse, error) {
	return s.run(req, false, nil), nil
}

func (s *providerServer) ExecuteProviderStream(req *pb.ExecuteProviderRequest, stream pb.PluginService_ExecuteProviderStreamServer) error {
	if os.Getenv("GO_HELLO_NO_STREAM") != "" {
		// as a plugin from before streaming existed answers
		return status.Error(codes.Unimplemented, "method ExecuteProviderStream not implemented")
	}
	if err := stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Stdout{Stdout: []byte("hello from go\n")}}); err != nil {
		return err
	}
	var extra map[string]interface{}
	var in inputs
	if json.Unmarshal(req.Input, &in) == nil && in.WaitForFile != "" {
		extra = map[string]interface{}{"saw_file": waitForFile(in.WaitForFile)}
	}
	if in.Token != "" {
		if err := stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Stdout{Stdout: []byte("using token " + in.Token + "\n")}}); err != nil {
			return err
		}
	}
	if err := stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Stderr{Stderr: []byte("go stderr chunk\n")}}); err != nil {
		return err
	}
	return stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Result{Result: s.run(req, true, extra)}})
}

// decoded returns a JSON payload as a value; nil when empty.
func decoded(raw []byte) interface{} {
	var v interface{}
	if len(raw) > 0 && json.Unmarshal(raw, &v) != nil {
		return "not JSON: " + string(raw)
	}
	return v
}

// requestFields is what the host sent with the call, by proto field name.
func requestFields(req *pb.ExecuteProviderRequest) map[string]interface{} {
	fields := map[string]interface{}{
		"context":           decoded(req.Context),
		"dry_run":           req.DryRun,
		"execution_mode":    req.ExecutionMode,
		"working_directory": req.WorkingDirectory,
		"output_directory":  req.OutputDirectory,
		"conflict_strategy": req.ConflictStrategy,
		"backup":            req.Backup,
		"parameters":        decoded(req.Parameters),
		"iteration_context": nil,
		"solution_metadata": nil,
	}
	if it := req.IterationContext; it != nil {
		fields["iteration_context"] = map[string]interface{}{"item": decoded(it.Item), "index": it.Index,
			"item_alias": it.ItemAlias, "index_alias": it.IndexAlias}
	}
	if m := req.SolutionMetadata; m != nil {
		fields["solution_metadata"] = map[string]interface{}{"name": m.Name, "version": m.Version,
			"display_name": m.DisplayName, "description": m.Description, "category": m.Category, "tags": m.Tags}
	}
	return fields
}

// configurationFields is what the host sent in ConfigureProvider, by proto field name.
func configurationFields(c *pb.ConfigureProviderRequest) map[string]interface{} {
	settings := map[string]interface{}{}
	for k, v := range c.Settings {
		settings[k] = decoded(v)
	}
	return map[string]interface{}{"quiet": c.Quiet, "no_color": c.NoColor, "binary_name": c.BinaryName,
		"protocol_version": c.ProtocolVersion, "settings": settings}
}

func waitForFile(path string) bool {
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(path); err == nil {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func (s *providerServer) DescribeWhatIf(ctx context.Context, req *pb.DescribeWhatIfRequest) (*pb.DescribeWhatIfResponse, error) {
	var in inputs
	_ = json.Unmarshal(req.Input, &in)
	description := "would greet " + in.Name
	if in.Token != "" {
		description += " using token " + in.Token
	}
	return &pb.DescribeWhatIfResponse{Description: description}, nil
}

func (s *providerServer) StopProvider(ctx context.Context, req *pb.StopProviderRequest) (*pb.StopProviderResponse, error) {
	logger.Info("stop requested", "provider", req.ProviderName)
	return &pb.StopProviderResponse{}, nil
}

type providerPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (p *providerPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterPluginServiceServer(s, &providerServer{})
	return nil
}

func (p *providerPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return pb.NewPluginServiceClient(c), nil
}

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  1,
			MagicCookieKey:   "SCAFCTL_PLUGIN",
			MagicCookieValue: "scafctl_provider_plugin",
		},
		Plugins:    map[string]plugin.Plugin{"provider": &providerPlugin{}},
		GRPCServer: plugin.DefaultGRPCServer,
		Logger:     logger,
	})
}
