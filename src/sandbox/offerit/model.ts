// The sandbox's in-memory model of an Offerit network. Values are kept as the text the platform
// answers with; amounts as decimal strings.
import { Decimal } from 'decimal.js';
import { offeritCommissionPayoutFields } from '../../platforms/offerit/records.js';

export type PayoutField = (typeof offeritCommissionPayoutFields)[number];
export type Payouts = Partial<Record<PayoutField, string>>;

export interface StoredGoal {
  offer_goal_id: string;
  goal_id: string;
  name: string;
  commission_type: string;
  amount: string;
  revenue_type: string;
  revenue_amount: string;
}

export interface StoredOffer {
  offerid: string;
  landing_pageid: string;
  active: '0' | '1';
  date_added: string;
  /** add_offer fields (`name`, `url`, ...): text, or lists for list fields. */
  fields: Record<string, string | string[]>;
  goals: StoredGoal[];
}

export interface StoredChange {
  offerid: string;
  /** `0` for a default change (one for the offer, one per goal). */
  changeid: string;
  /** `0` for the offer, else an offer_goal_id. */
  goalid: string;
  type: 'standard' | 'disable' | 'temporary';
  start_time: string;
  end_time: string;
  countries: string[];
  /** loginid → username. */
  affiliates: Record<string, string>;
  subaffs: Partial<Record<'subaff' | 'subaff2' | 'subaff3' | 'subaff4' | 'subaff5', string>>;
  /**
   * The change's own payouts. Not used by the offer's default change (changeid 0, goalid 0): the
   * offer's payouts are its add_offer fields, one number whichever endpoint reads or writes it.
   */
  payouts: Payouts;
  /** "CPM Payout": no endpoint writes it (add_commission_change has no parameter); fixtures do. */
  cpm_payout?: string;
  /** Goal changes only (add_commission_change ignores them elsewhere): `'1'` or `'0'`. */
  flags: Partial<Record<GoalFlag, '0' | '1'>>;
}

export const GOAL_FLAGS = ['aff_manager_payout', 'aff_referral_payout'] as const;
export type GoalFlag = (typeof GOAL_FLAGS)[number];

/** What `advertiser_username` looks offers up by (get_details) and get_details' column of it. */
export interface StoredAdvertiser {
  advertiserid: string;
  username: string;
}

export interface StoredAffiliate {
  loginid: string;
  username: string;
  email: string;
  /** Any other column (first_name, company, status, ...), as text. */
  extra: Record<string, string>;
  /** Like the real records: a password hash and an API key. */
  password: string;
  api_key: string;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the platform's response date format. */
export function formatTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Amounts come back with at least two decimals (`"15.00"`), as a DECIMAL column would. */
export function money(text: string): string {
  if (text === '') return '';
  const value = new Decimal(text);
  return value.toFixed(Math.max(2, value.decimalPlaces()));
}

/** Dates are read as `strtotime` would: unix seconds or `YYYY-MM-DD[ HH:MM[:SS]]` (UTC). */
export function readDate(text: string, now: Date): string {
  if (text === '') return '';
  if (/^now$/i.test(text)) return formatTime(now);
  if (/^\d+$/.test(text)) return formatTime(new Date(Number(text) * 1000));
  const [day, time = '00:00:00'] = text.replace('T', ' ').split(' ');
  const full = time.length === 5 ? `${time}:00` : time;
  return `${day} ${full}`;
}

export const PAYOUT_FIELDS: readonly PayoutField[] = offeritCommissionPayoutFields;
