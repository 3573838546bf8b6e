/** SVG path data for the navigation (24×24 outline icons). */
export const ICONS = {
  overview: 'M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10',
  applications: 'M4 5h7v7H4zM13 5h7v7h-7zM4 14h7v6H4zM13 14h7v6h-7z',
  packages: 'M21 8l-9-5-9 5 9 5 9-5zM3 8v8l9 5 9-5V8M12 13v8',
  usage: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  bills: 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h6',
  balance: 'M3 7h18v12H3zM3 11h18M7 15h3',
  messages: 'M6 8a6 6 0 1112 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 003.4 0',
  calculator: 'M6 2h12v20H6zM9 6h6M9 11h.01M12 11h.01M15 11h.01M9 15h.01M12 15h.01M15 15h.01M9 18h6',
  accounts: 'M16 11a4 4 0 10-8 0 4 4 0 008 0zM4 21a8 8 0 0116 0',
  refunds: 'M3 12a9 9 0 109-9M3 4v5h5M12 8v4l3 2',
  suspensions: 'M12 3a9 9 0 100 18 9 9 0 000-18zM5.6 5.6l12.8 12.8',
  audit: 'M9 5h10M9 12h10M9 19h10M5 5h.01M5 12h.01M5 19h.01',
  jobs: 'M12 6v6l4 2M12 21a9 9 0 110-18 9 9 0 010 18z',
  developer: 'M8 9l-4 3 4 3M16 9l4 3-4 3M14 5l-4 14',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
} as const;
