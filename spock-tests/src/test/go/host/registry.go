// The checks the Go scafctl makes before it registers a plugin's provider, written from its
// sources (oakwood-commons/scafctl): pkg/plugin/grpc.go (protoToDescriptor: the version must parse
// as Masterminds semver, raw JSON Schemas win over structured ones), pkg/provider/registry.go
// (validateDescriptor) and pkg/provider/provider.go (ValidateDescriptor). The scafctl modules
// (semver, jsonschema-go) are not packaged by Debian, so the little they do here is written out.
// Go walks maps in random order; where two problems of one kind exist this sorts them, as
// scafctl-plugin-sdk's provider/validation.go does.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	pb "scafctl.test/pluginpb"
)

// schema is the part of a jsonschema.Schema the checks read.
type schema struct {
	Type       string
	Properties map[string]*schema
}

// descriptor is the part of a provider.Descriptor the checks read.
type descriptor struct {
	Name, APIVersion, Description string
	HasVersion                    bool
	Capabilities                  []string
	Schema                        *schema
	OutputSchemas                 map[string]*schema
}

var semverRegex = regexp.MustCompile(`^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?` +
	`(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?` +
	`(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$`)

// parseVersion is Masterminds semver's NewVersion, without building the version.
func parseVersion(v string) error {
	m := semverRegex.FindStringSubmatch(v)
	if m == nil {
		return errors.New("Invalid Semantic Version")
	}
	for _, seg := range m[1:4] {
		if seg == "" {
			continue
		}
		if _, err := strconv.ParseUint(strings.TrimPrefix(seg, "."), 10, 64); err != nil {
			return fmt.Errorf("Error parsing version segment: %s", err)
		}
	}
	if m[5] != "" {
		for _, id := range strings.Split(m[5], ".") {
			if _, err := strconv.ParseUint(id, 10, 64); err == nil && len(id) > 1 && id[0] == '0' {
				return errors.New("Version segment starts with 0")
			}
		}
	}
	return nil
}

// parseSchema reads a JSON Schema as jsonschema-go does as far as type and properties go.
func parseSchema(raw []byte) (*schema, error) {
	var s struct {
		Type       json.RawMessage            `json:"type"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	out := &schema{}
	if len(s.Type) > 0 && s.Type[0] == '"' {
		if err := json.Unmarshal(s.Type, &out.Type); err != nil {
			return nil, err
		}
	} else if len(s.Type) > 0 && s.Type[0] != '[' && string(s.Type) != "null" {
		return nil, fmt.Errorf("type must be a string or a list")
	}
	if s.Properties != nil {
		out.Properties = map[string]*schema{}
		for name, p := range s.Properties {
			switch string(p) {
			case "null":
				continue
			case "true", "false":
				out.Properties[name] = &schema{}
				continue
			}
			prop, err := parseSchema(p)
			if err != nil {
				return nil, err
			}
			out.Properties[name] = prop
		}
	}
	return out, nil
}

func fromProto(ps *pb.Schema) *schema {
	s := &schema{Type: "object", Properties: map[string]*schema{}}
	for name, p := range ps.Parameters {
		s.Properties[name] = &schema{Type: p.Type}
	}
	return s
}

// toDescriptor is protoToDescriptor: raw_schema and raw_output_schemas win when they parse.
func toDescriptor(p *pb.ProviderDescriptor) (*descriptor, error) {
	if p.Version != "" {
		if err := parseVersion(p.Version); err != nil {
			return nil, fmt.Errorf("plugin %q has invalid semver version %q: %w", p.Name, p.Version, err)
		}
	}
	d := &descriptor{Name: p.Name, APIVersion: p.ApiVersion, Description: p.Description,
		HasVersion: p.Version != "", Capabilities: p.Capabilities}
	if s, err := parseSchema(p.RawSchema); len(p.RawSchema) > 0 && err == nil {
		d.Schema = s
	} else if p.Schema != nil {
		d.Schema = fromProto(p.Schema)
	}
	if len(p.RawOutputSchemas) > 0 {
		d.OutputSchemas = map[string]*schema{}
		for c, raw := range p.RawOutputSchemas {
			if s, err := parseSchema(raw); err == nil {
				d.OutputSchemas[c] = s
			}
		}
	} else if len(p.OutputSchemas) > 0 {
		d.OutputSchemas = map[string]*schema{}
		for c, ps := range p.OutputSchemas {
			d.OutputSchemas[c] = fromProto(ps)
		}
	}
	return d, nil
}

var capabilities = map[string]bool{"from": true, "transform": true, "validation": true, "authentication": true, "action": true}

var requiredOutputs = map[string]map[string]string{
	"validation":     {"valid": "boolean", "errors": "array"},
	"authentication": {"authenticated": "boolean", "token": "string"},
	"action":         {"success": "boolean"},
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validateOutputs is provider.ValidateDescriptor.
func validateOutputs(d *descriptor) error {
	if d.OutputSchemas == nil {
		return errors.New("descriptor must define OutputSchemas")
	}
	var errs []string
	for _, c := range d.Capabilities {
		s, ok := d.OutputSchemas[c]
		if !ok {
			errs = append(errs, fmt.Sprintf("missing output schema for capability %q", c))
			continue
		}
		for _, field := range sortedKeys(requiredOutputs[c]) {
			want := requiredOutputs[c][field]
			prop, found := s.Properties[field]
			if !found || prop == nil {
				errs = append(errs, fmt.Sprintf("capability %q requires output field %q", c, field))
				continue
			}
			if prop.Type != want {
				errs = append(errs, fmt.Sprintf("capability %q field %q must be type %q, got %q", c, field, want, prop.Type))
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	// errors.Join (Go 1.20; Debian's Go is older): one message per line
	return errors.New(strings.Join(errs, "\n"))
}

// validate is Registry.validateDescriptor.
func validate(d *descriptor) error {
	switch {
	case d.Name == "":
		return errors.New("provider name cannot be empty")
	case d.APIVersion == "":
		return errors.New("provider APIVersion cannot be empty")
	case !d.HasVersion:
		return errors.New("provider version cannot be nil")
	case d.Description == "":
		return errors.New("provider description cannot be empty")
	case len(d.Capabilities) == 0:
		return errors.New("provider must declare at least one capability")
	}
	for i, c := range d.Capabilities {
		if !capabilities[c] {
			return fmt.Errorf("capability at index %d (%q) is not valid", i, c)
		}
	}
	if d.Schema != nil {
		valid := map[string]bool{"string": true, "integer": true, "number": true, "boolean": true, "array": true, "object": true, "": true}
		names := make([]string, 0, len(d.Schema.Properties))
		for name := range d.Schema.Properties {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if t := d.Schema.Properties[name].Type; !valid[t] {
				return fmt.Errorf("property %q has invalid type %q", name, t)
			}
		}
	}
	if err := validateOutputs(d); err != nil {
		return fmt.Errorf("output schema validation failed: %w", err)
	}
	return nil
}

// check is what stands between a plugin's descriptor and the Go registry; "" when it registers.
func check(p *pb.ProviderDescriptor) string {
	d, err := toDescriptor(p)
	if err == nil {
		if err = validate(d); err != nil {
			err = fmt.Errorf("invalid provider descriptor: %w", err)
		}
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// checkDescriptors prints {"provider": "reason it is refused, or empty"} for every provider of the plugin.
func checkDescriptors(path string) {
	client, svc, _ := start(path)
	defer client.Kill()
	ctx := context.Background()
	names, err := svc.GetProviders(ctx, &pb.GetProvidersRequest{})
	if err != nil {
		fail("GetProviders: %v", err)
	}
	verdicts := map[string]string{}
	for _, name := range names.ProviderNames {
		resp, err := svc.GetProviderDescriptor(ctx, &pb.GetProviderDescriptorRequest{ProviderName: name})
		if err != nil {
			fail("GetProviderDescriptor %s: %v", name, err)
		}
		verdicts[name] = check(resp.ProviderDescriptor)
	}
	out, _ := json.Marshal(verdicts)
	fmt.Println(string(out))
}
