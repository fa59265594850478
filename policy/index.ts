import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

/**
 * skyport's policy pack. Every policy is advisory by default; a stack's config file
 * (policy/config/<stack>.json, passed with --policy-pack-config) makes them mandatory and sets
 * their options, e.g. two instances in production.
 */
new PolicyPack("skyport", { enforcementLevel: "advisory", policies: POLICIES });
