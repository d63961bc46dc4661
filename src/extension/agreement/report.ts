import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { BlindCoding } from './blindCoding';

export interface AgreementFeature extends vscode.Disposable {
  /** The lens every view reads the store through (Show Only My Tags). */
  readonly blind: BlindCoding;
}

/** Two analysts, one corpus (issue 14): blind coding and the Agreement Report. */
export function register(store: TagStore): AgreementFeature {
  const blind = new BlindCoding(store);
  return { blind, dispose: () => blind.dispose() };
}
